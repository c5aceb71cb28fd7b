// Sealed messages: padded to blocks, open only with the right key, and only under their report.
import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_BOX_BYTES,
  MAX_MESSAGE_CHARS,
  openMessage,
  sealMessage,
} from '../../../src/crypto/message-box.ts';
import { CryptoInputError, sealJson } from '../../../src/crypto/sodium.ts';
import { independentSealOpen } from '../../helpers/independent-box.ts';
import { sodiumWithKeys } from '../../helpers/key-pairs.ts';

const { sodium, org, stranger } = await sodiumWithKeys('org', 'stranger');
const reportId = '6f1c2b7e-8a3d-4c1f-9b2e-7d5a4c3b2a10';

describe('message boxes', () => {
  it('open with the recipient key, and their size says nothing about short texts', () => {
    const short = sealMessage(sodium, { v: 1, reportId, text: 'ok' }, org.publicKey);
    const longer = sealMessage(sodium, { v: 1, reportId, text: 'x'.repeat(800) }, org.publicKey);
    expect(short.length).toBe(longer.length);
    expect(openMessage(sodium, short, reportId, org.publicKey, org.secretKey).text).toBe('ok');
  });

  it('are real sealed boxes: an independent implementation opens them', () => {
    const box = sealMessage(sodium, { v: 1, reportId, text: 'independiente' }, org.publicKey);
    const padded = independentSealOpen(box, org.publicKey, org.secretKey);
    expect(padded).not.toBeNull();
    expect(new TextDecoder().decode(padded ?? new Uint8Array())).toContain('independiente');
  });

  it('refuse another key, another report and an altered box', () => {
    const box = sealMessage(sodium, { v: 1, reportId, text: 'nota' }, org.publicKey);
    expect(() =>
      openMessage(sodium, box, reportId, stranger.publicKey, stranger.secretKey),
    ).toThrow(CryptoInputError);
    const otherReport = reportId.replace('6f1c', '0000');
    expect(() => openMessage(sodium, box, otherReport, org.publicKey, org.secretKey)).toThrow(
      /does not belong/,
    );
    const altered = box.slice();
    altered[60] = (altered[60] ?? 0) ^ 1;
    expect(() => openMessage(sodium, altered, reportId, org.publicKey, org.secretKey)).toThrow(
      CryptoInputError,
    );
    expect(() => openMessage(sodium, box.slice(1), reportId, org.publicKey, org.secretKey)).toThrow(
      /impossible length/,
    );
  });

  it('refuse to seal an empty or over-long message', () => {
    expect(() => sealMessage(sodium, { v: 1, reportId, text: '  ' }, org.publicKey)).toThrow();
    const tooLong = 'x'.repeat(MAX_MESSAGE_CHARS + 1);
    expect(() => sealMessage(sodium, { v: 1, reportId, text: tooLong }, org.publicKey)).toThrow();
  });

  it('refuse a box bigger than a message may be, and a text too long in bytes to seal', () => {
    const big = sealJson(sodium, { v: 1, reportId, text: 'x'.repeat(20_000) }, org.publicKey);
    expect(big.length).toBeGreaterThan(MAX_MESSAGE_BOX_BYTES);
    expect(() => openMessage(sodium, big, reportId, org.publicKey, org.secretKey)).toThrow(
      /impossible length/,
    );
    // Characters that JSON writes as six bytes each: within the character limit, over the size.
    const wide = '\u0001'.repeat(MAX_MESSAGE_CHARS);
    expect(() => sealMessage(sodium, { v: 1, reportId, text: wide }, org.publicKey)).toThrow(
      CryptoInputError,
    );
  });
});
