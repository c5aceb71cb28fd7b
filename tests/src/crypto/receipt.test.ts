// Receipt codes: enough randomness, easy to copy, and the same code always finds the same keys.
import { describe, expect, it } from 'vitest';
import {
  deriveFollowUpKeys,
  formatReceiptCode,
  lookupHash,
  newReceiptCode,
  normaliseReceiptCode,
  RECEIPT_DIGITS,
} from '../../../src/crypto/receipt.ts';
import { loadSodium } from '../../../src/crypto/sodium.ts';

const sodium = await loadSodium();

describe('receipt codes', () => {
  it('carry at least 50 bits of randomness', () => {
    expect(RECEIPT_DIGITS * Math.log2(10)).toBeGreaterThanOrEqual(50);
    const codes = new Set(Array.from({ length: 2000 }, () => newReceiptCode(sodium)));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^\d{16}$/);
  });

  it('use every digit about equally often in every position', () => {
    const counts = Array.from({ length: 10 }, () => 0);
    for (let i = 0; i < 2000; i++)
      for (const d of newReceiptCode(sodium)) counts[Number(d)] = (counts[Number(d)] ?? 0) + 1;
    // 32 000 digits: each should appear about 3 200 times.
    for (const n of counts) expect(n).toBeGreaterThan(2900);
  });

  it('are shown in groups of four and read back however they were typed', () => {
    expect(formatReceiptCode('4821093755621184')).toBe('4821 0937 5562 1184');
    expect(normaliseReceiptCode(' 4821-0937 5562.1184 ')).toBe('4821093755621184');
    expect(normaliseReceiptCode('4821 0937 5562 118')).toBeNull();
    expect(normaliseReceiptCode('4821 0937 5562 118a')).toBeNull();
  });

  it('derive the same token and reply keys from the same code, and others from another', () => {
    const a = deriveFollowUpKeys(sodium, '4821 0937 5562 1184');
    const again = deriveFollowUpKeys(sodium, '4821093755621184');
    const b = deriveFollowUpKeys(sodium, '4821093755621185');
    expect(sodium.memcmp(a.lookupToken, again.lookupToken)).toBe(true);
    expect(sodium.memcmp(a.replySecretKey, again.replySecretKey)).toBe(true);
    expect(sodium.memcmp(a.lookupToken, b.lookupToken)).toBe(false);
    expect(sodium.memcmp(a.replyPublicKey, b.replyPublicKey)).toBe(false);
    // The reply key pair is a real pair: the public key follows from the secret key.
    expect(sodium.memcmp(sodium.crypto_scalarmult_base(a.replySecretKey), a.replyPublicKey)).toBe(
      true,
    );
    // The lookup token is not the reply key, and its hash is not the token.
    expect(sodium.memcmp(a.lookupToken, a.replySecretKey)).toBe(false);
    expect(lookupHash(sodium, a.lookupToken)).toMatch(/^[0-9a-f]{64}$/);
    expect(lookupHash(sodium, a.lookupToken)).not.toContain(sodium.to_hex(a.lookupToken));
  });
});
