// Sealing is checked against an independent implementation (tweetnacl + @noble/hashes), not
// against libsodium itself, and every test shows that the keys it claims to use are the ones
// that matter: the other organisation's key must fail.
import { randomUUID } from 'node:crypto';
import nacl from 'tweetnacl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENVELOPE_VERSION, type SealedDocument } from '../../../src/contract/envelope.ts';
import { BOX_OVERHEAD, PAD_BLOCK } from '../../../src/crypto/box-sizes.ts';
import {
  CryptoInputError,
  openBox,
  publicKeyFromSecret,
  sealDocument,
} from '../../../src/crypto/sodium.ts';
import {
  independentSeal,
  independentSealOpen,
  isoPad,
  isoUnpad,
} from '../../helpers/independent-box.ts';
import { type KeyPair, sodiumWithKeys } from '../../helpers/key-pairs.ts';
import { validFacts } from '../../helpers/reports.ts';

type Pair = KeyPair;
const { sodium: s, advocacy, legal } = await sodiumWithKeys('advocacy', 'legal');
afterEach(() => vi.restoreAllMocks());

function doc(overrides: Partial<SealedDocument> = {}): SealedDocument {
  return {
    v: ENVELOPE_VERSION,
    reportId: randomUUID(),
    facts: validFacts(),
    narrative: 'Me pidieron plata en la comisaría de Belén — Iquitos',
    details: {
      exactDate: '2026-03-14',
      place: 'Jr. Próspero',
      perpetratorDetails: 'placa ABC-123',
    },
    legalAidRequested: false,
    ...overrides,
  };
}

const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytesOf = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/** Opens with the independent implementation and strips ISO/IEC 7816-4 padding. */
function openIndependently(box: Uint8Array, pair: Pair): { padded: Uint8Array; doc: unknown } {
  const padded = independentSealOpen(box, pair.publicKey, pair.secretKey);
  if (!padded) throw new Error('the independent opener could not open the box');
  const unpadded = isoUnpad(padded, PAD_BLOCK);
  if (!unpadded) throw new Error('the plaintext is not ISO/IEC 7816-4 padded');
  return { padded, doc: JSON.parse(utf8(unpadded)) };
}

describe('keys', () => {
  it('libsodium and tweetnacl derive the same public key from a secret key', () => {
    expect(nacl.box.keyPair.fromSecretKey(advocacy.secretKey).publicKey).toEqual(
      advocacy.publicKey,
    );
    expect(publicKeyFromSecret(s, legal.secretKey)).toEqual(legal.publicKey);
    expect(advocacy.publicKey).not.toEqual(legal.publicKey);
  });

  it('refuses a secret key of the wrong length', () => {
    expect(() => publicKeyFromSecret(s, new Uint8Array(31))).toThrow(CryptoInputError);
  });
});

describe('sealDocument', () => {
  it('produces a box that an independent crypto_box_seal_open opens to the same document', () => {
    const original = doc();
    const box = sealDocument(s, original, advocacy.publicKey);
    expect(openIndependently(box, advocacy).doc).toEqual(original);
  });

  it('seals to the key it is given and no other', () => {
    const box = sealDocument(s, doc(), advocacy.publicKey);
    expect(independentSealOpen(box, legal.publicKey, legal.secretKey)).toBeNull();
    // The right secret key with the wrong public key gives the wrong nonce.
    expect(independentSealOpen(box, legal.publicKey, advocacy.secretKey)).toBeNull();
    expect(independentSealOpen(box, advocacy.publicKey, advocacy.secretKey)).not.toBeNull();
  });

  it('pads the plaintext with 0x80 then zeros to a multiple of 1024 bytes', () => {
    const original = doc();
    const json = bytesOf(original);
    const { padded } = openIndependently(sealDocument(s, original, advocacy.publicKey), advocacy);
    expect(padded.length % PAD_BLOCK).toBe(0);
    expect(padded.length).toBe(Math.ceil((json.length + 1) / PAD_BLOCK) * PAD_BLOCK);
    expect(padded.subarray(0, json.length)).toEqual(json);
    expect(padded[json.length]).toBe(0x80);
    expect(padded.subarray(json.length + 1).every((b) => b === 0)).toBe(true);
  });

  it('makes a box of 48 + 1024·n bytes, whatever the content length', () => {
    for (const length of [0, 100, 1500, 5000]) {
      const box = sealDocument(s, doc({ narrative: 'x'.repeat(length) }), advocacy.publicKey);
      expect(box.length).toBeGreaterThanOrEqual(BOX_OVERHEAD + PAD_BLOCK);
      expect((box.length - BOX_OVERHEAD) % PAD_BLOCK).toBe(0);
    }
  });

  it('gives documents of different lengths within one block the same box size', () => {
    const a = sealDocument(s, doc({ narrative: 'corto' }), advocacy.publicKey);
    const b = sealDocument(
      s,
      doc({ narrative: 'bastante más largo que el otro relato' }),
      advocacy.publicKey,
    );
    expect(a.length).toBe(BOX_OVERHEAD + PAD_BLOCK);
    expect(b.length).toBe(a.length);
  });

  it('adds a whole block when the JSON fills a block exactly (padding always adds a byte)', () => {
    const base = bytesOf(doc({ narrative: '' })).length;
    const fill = (target: number) => doc({ narrative: 'a'.repeat(target - base) });
    const almost = sealDocument(s, fill(PAD_BLOCK - 1), advocacy.publicKey);
    const exact = sealDocument(s, fill(PAD_BLOCK), advocacy.publicKey);
    expect(bytesOf(fill(PAD_BLOCK)).length).toBe(PAD_BLOCK);
    expect(almost.length).toBe(BOX_OVERHEAD + PAD_BLOCK);
    expect(exact.length).toBe(BOX_OVERHEAD + 2 * PAD_BLOCK);
  });

  it('uses a fresh ephemeral key for every box', () => {
    const original = doc();
    const a = sealDocument(s, original, advocacy.publicKey);
    const b = sealDocument(s, original, advocacy.publicKey);
    expect(a.subarray(0, 32)).not.toEqual(b.subarray(0, 32));
  });

  it('refuses a public key of the wrong length', () => {
    expect(() => sealDocument(s, doc(), advocacy.publicKey.subarray(0, 31))).toThrow(
      CryptoInputError,
    );
  });

  it('refuses a document too long to fit in 64 KiB', () => {
    expect(() =>
      sealDocument(s, doc({ narrative: 'x'.repeat(70_000) }), advocacy.publicKey),
    ).toThrow(CryptoInputError);
  });

  it('fits the largest document the form can produce, even with worst-case JSON escaping', () => {
    // \u0001 is escaped as six bytes by JSON.stringify; trim() keeps it.
    const ugly = (n: number) => '\u0001'.repeat(n);
    const largest = doc({
      narrative: ugly(6000),
      details: { exactDate: '2026-03-14', place: ugly(500), perpetratorDetails: ugly(500) },
      legalAidRequested: true,
      contact: {
        method: 'other',
        value: ugly(500),
        safeTimes: ugly(500),
        needs: ['complaint', 'accompaniment', 'advice'],
        notes: ugly(500),
      },
    });
    const box = sealDocument(s, largest, legal.publicKey);
    expect(openIndependently(box, legal).doc).toEqual(largest);
  });
});

describe('openBox', () => {
  it('opens a box sealed by the independent implementation', () => {
    const original = doc({
      legalAidRequested: true,
      contact: { method: 'whatsapp', value: '+51 999 111 222' },
    });
    const box = independentSeal(isoPad(bytesOf(original), PAD_BLOCK), legal.publicKey);
    expect(box.length).toBe(BOX_OVERHEAD + PAD_BLOCK);
    expect(openBox(s, box, legal.publicKey, legal.secretKey)).toEqual(original);
  });

  it('refuses to open with the other organisation\u2019s key', () => {
    const box = independentSeal(isoPad(bytesOf(doc()), PAD_BLOCK), advocacy.publicKey);
    expect(() => openBox(s, box, legal.publicKey, legal.secretKey)).toThrow(CryptoInputError);
    expect(() => openBox(s, box, legal.publicKey, advocacy.secretKey)).toThrow(CryptoInputError);
    expect(openBox(s, box, advocacy.publicKey, advocacy.secretKey).v).toBe(ENVELOPE_VERSION);
  });

  it.each([
    ['the ephemeral public key', 5],
    ['the MAC', 32 + 3],
    ['the ciphertext', 48 + 700],
    ['the last byte', -1],
  ])('refuses a box with a flipped bit in %s', (_where, at) => {
    const box = sealDocument(s, doc(), advocacy.publicKey);
    const i = at < 0 ? box.length + at : at;
    box[i] = (box[i] ?? 0) ^ 0x01;
    expect(() => openBox(s, box, advocacy.publicKey, advocacy.secretKey)).toThrow(CryptoInputError);
  });

  it.each([0, 48, 48 + 1023, 48 + 1025, 1024, 48 + 2047])(
    'refuses a box of %i bytes before trying to open it',
    (length) => {
      const spy = vi.spyOn(s, 'crypto_box_seal_open');
      expect(() =>
        openBox(s, new Uint8Array(length), advocacy.publicKey, advocacy.secretKey),
      ).toThrow('box has an impossible length');
      expect(spy).not.toHaveBeenCalled();
      // The spy does see real attempts: a box of a possible length reaches libsodium.
      openBox(
        s,
        sealDocument(s, doc(), advocacy.publicKey),
        advocacy.publicKey,
        advocacy.secretKey,
      );
      expect(spy).toHaveBeenCalledTimes(1);
    },
  );

  it('refuses keys of the wrong length before trying to open', () => {
    const spy = vi.spyOn(s, 'crypto_box_seal_open');
    const box = sealDocument(s, doc(), advocacy.publicKey);
    expect(() => openBox(s, box, advocacy.publicKey.subarray(1), advocacy.secretKey)).toThrow(
      CryptoInputError,
    );
    expect(() => openBox(s, box, advocacy.publicKey, new Uint8Array(64))).toThrow(CryptoInputError);
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a box whose plaintext is not padded', () => {
    const unpadded = new Uint8Array(PAD_BLOCK).fill(0x20);
    unpadded.set(bytesOf(doc()));
    const box = independentSeal(unpadded, advocacy.publicKey);
    expect(() => openBox(s, box, advocacy.publicKey, advocacy.secretKey)).toThrow(
      'box content is not a padded JSON document',
    );
  });

  it('refuses a box that holds something other than a sealed document', () => {
    const notADoc = { ...doc(), v: 2 };
    const box = independentSeal(isoPad(bytesOf(notADoc), PAD_BLOCK), advocacy.publicKey);
    expect(() => openBox(s, box, advocacy.publicKey, advocacy.secretKey)).toThrow(
      'box content is not a valid sealed document',
    );
    const extra = independentSeal(
      isoPad(bytesOf({ ...doc(), ip: '203.0.113.7' }), PAD_BLOCK),
      advocacy.publicKey,
    );
    expect(() => openBox(s, extra, advocacy.publicKey, advocacy.secretKey)).toThrow(
      CryptoInputError,
    );
  });
});
