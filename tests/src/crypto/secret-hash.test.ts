// The stored hashes of secrets must not change: databases already hold them (removed report
// ids, release tokens, sessions, receipt lookups). Each function is held to node:crypto, an
// independent implementation, on fixed inputs, in the exact format it is stored in.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOOKUP_TOKEN_BYTES, lookupHash } from '../../../src/crypto/receipt.ts';
import {
  HMAC_KEY_BYTES,
  hmacSha256Base64,
  releaseTokenHash,
  removedIdHash,
  sha256Base64,
  sha256Base64Url,
  sha256Hex,
} from '../../../src/crypto/secret-hash.ts';
import { loadSodium } from '../../../src/crypto/sodium.ts';
import { csrfTokenFor, hashSessionToken } from '../../../src/crypto/staff-credentials.ts';

const s = await loadSodium();
const node = (input: string | Uint8Array) => createHash('sha256').update(input);

const TEXTS = [
  '',
  '6f1c2b7e-8a3d-4c1f-9b2e-7d5a4c3b2a10',
  'Q2hhbmdlIG1lIG5vdCDigJQgYSB0b2tlbg',
  'señal débil, Cusco — 😀',
  'session\0x',
];
const BYTES = [
  new Uint8Array(0),
  new Uint8Array(32).map((_, i) => i * 7),
  new Uint8Array(100).fill(255),
];

describe('hashes of secrets', () => {
  it('are SHA-256 (the standard vector for "abc")', () => {
    expect(sha256Hex(s, 'abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('match node:crypto for text, as UTF-8, in hex, base64 and URL-safe base64', () => {
    for (const text of TEXTS) {
      expect(sha256Hex(s, text)).toBe(node(text).digest('hex'));
      expect(sha256Base64(s, text)).toBe(node(text).digest('base64'));
      expect(sha256Base64Url(s, text)).toBe(node(text).digest('base64url'));
    }
  });

  it('match node:crypto for bytes', () => {
    for (const bytes of BYTES) {
      expect(sha256Hex(s, bytes)).toBe(node(bytes).digest('hex'));
      expect(sha256Base64(s, bytes)).toBe(node(bytes).digest('base64'));
    }
  });

  it('store a removed report id and a release token as before', () => {
    for (const text of TEXTS) {
      // db/repos/reports-repo.ts kept createHash('sha256').update(id).digest('base64').
      expect(removedIdHash(s, text)).toBe(node(text).digest('base64'));
      // api/services/public/release-token.ts kept the hex digest of the token's UTF-8.
      expect(releaseTokenHash(s, text)).toBe(node(text).digest('hex'));
    }
  });

  it('store a session and derive its CSRF token as before', () => {
    const token = 'dGhpcyBpcyBub3QgYSByZWFsIHNlc3Npb24gdG9rZW4';
    expect(hashSessionToken(s, token)).toBe(node(`session\0${token}`).digest('hex'));
    expect(csrfTokenFor(s, token)).toBe(node(`csrf\0${token}`).digest('base64url'));
  });

  it("store a receipt's lookup hash as before", () => {
    const token = new Uint8Array(LOOKUP_TOKEN_BYTES).map((_, i) => 200 - i);
    expect(lookupHash(s, token)).toBe(node(token).digest('hex'));
  });
});

describe('HMAC of secrets', () => {
  it('matches node:crypto under a 32-byte key', () => {
    const keys = [new Uint8Array(HMAC_KEY_BYTES), new Uint8Array(HMAC_KEY_BYTES).map((_, i) => i)];
    for (const key of keys) {
      for (const text of TEXTS) {
        expect(hmacSha256Base64(s, key, text)).toBe(
          createHmac('sha256', key).update(text).digest('base64'),
        );
      }
    }
  });

  it('changes with the key', () => {
    const a = new Uint8Array(HMAC_KEY_BYTES);
    const b = a.slice();
    b[0] = 1;
    expect(hmacSha256Base64(s, a, '203.0.113.7')).not.toBe(hmacSha256Base64(s, b, '203.0.113.7'));
  });
});
