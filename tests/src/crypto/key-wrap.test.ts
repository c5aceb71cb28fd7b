// Key wrapping: the org key comes back only with the right passphrase and an untouched box.
import { argon2id } from '@noble/hashes/argon2.js';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { unwrapSecretKey, type WrappedKey, wrapSecretKey } from '../../../src/crypto/key-wrap.ts';
import { CryptoInputError, fromBase64, toBase64 } from '../../../src/crypto/sodium.ts';
import { sodiumWithKeys } from '../../helpers/key-pairs.ts';

const { sodium, pair } = await sodiumWithKeys('pair');
const wrapped = wrapSecretKey(sodium, pair.secretKey, 'una frase larga de prueba');

function flipByte(text: string, index: number): string {
  const bytes = fromBase64(sodium, text);
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return toBase64(sodium, bytes);
}

describe('key wrapping', () => {
  it('gives back exactly the private key with the right passphrase', () => {
    const key = unwrapSecretKey(sodium, wrapped, 'una frase larga de prueba');
    expect(sodium.memcmp(key, pair.secretKey)).toBe(true);
  });

  it('stores nothing that looks like the key, and differs each time it wraps', () => {
    const again = wrapSecretKey(sodium, pair.secretKey, 'una frase larga de prueba');
    expect(again.box).not.toBe(wrapped.box);
    expect(JSON.stringify(wrapped)).not.toContain(toBase64(sodium, pair.secretKey));
  });

  it('refuses a wrong passphrase', () => {
    expect(() => unwrapSecretKey(sodium, wrapped, 'una frase larga de prueba!')).toThrow(
      CryptoInputError,
    );
  });

  it.each([
    ['box', (w: WrappedKey): WrappedKey => ({ ...w, box: flipByte(w.box, 5) })],
    ['nonce', (w: WrappedKey): WrappedKey => ({ ...w, nonce: flipByte(w.nonce, 0) })],
    ['salt', (w: WrappedKey): WrappedKey => ({ ...w, salt: flipByte(w.salt, 3) })],
    ['cost', (w: WrappedKey): WrappedKey => ({ ...w, opslimit: w.opslimit + 1 })],
  ])('refuses a wrapped key whose %s was altered', (_what, tamper) => {
    expect(() => unwrapSecretKey(sodium, tamper(wrapped), 'una frase larga de prueba')).toThrow(
      CryptoInputError,
    );
  });

  it('refuses impossible lengths before doing any work', () => {
    const short = { ...wrapped, box: toBase64(sodium, new Uint8Array(40)) };
    expect(() => unwrapSecretKey(sodium, short, 'x')).toThrow(/impossible length/);
  });

  it('refuses to wrap under a short passphrase', () => {
    expect(() => wrapSecretKey(sodium, pair.secretKey, 'corta')).toThrow(/at least/);
  });

  it('re-wrapping under a new passphrase keeps the key and retires the old passphrase', () => {
    const key = unwrapSecretKey(sodium, wrapped, 'una frase larga de prueba');
    const rewrapped = wrapSecretKey(sodium, key, 'otra frase distinta y larga');
    expect(() => unwrapSecretKey(sodium, rewrapped, 'una frase larga de prueba')).toThrow();
    const back = unwrapSecretKey(sodium, rewrapped, 'otra frase distinta y larga');
    expect(sodium.memcmp(back, pair.secretKey)).toBe(true);
  });
});

describe('key wrapping against independent implementations', () => {
  it('is Argon2id (@noble/hashes) feeding XSalsa20-Poly1305 secretbox (tweetnacl)', () => {
    const salt = fromBase64(sodium, wrapped.salt);
    const key = argon2id('una frase larga de prueba', salt, {
      t: wrapped.opslimit,
      m: wrapped.memlimit / 1024, // KiB
      p: 1,
      dkLen: 32,
    });
    const opened = nacl.secretbox.open(
      fromBase64(sodium, wrapped.box),
      fromBase64(sodium, wrapped.nonce),
      key,
    );
    expect(opened).not.toBeNull();
    expect(sodium.memcmp(opened ?? new Uint8Array(32), pair.secretKey)).toBe(true);
  }, 60_000);
});
