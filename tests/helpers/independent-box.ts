// An independent implementation of libsodium's crypto_box_seal / crypto_box_seal_open, built
// from tweetnacl (XSalsa20-Poly1305 box) and @noble/hashes (BLAKE2b), so that tests of
// src/crypto/sodium.ts do not merely check libsodium against itself.
//
// Sealed box layout: ephemeralPk (32) || crypto_box(m, nonce, recipientPk, ephemeralSk),
// where nonce = BLAKE2b-192(ephemeralPk || recipientPk).
import { blake2b } from '@noble/hashes/blake2.js';
import nacl from 'tweetnacl';

export const EPHEMERAL_PK_BYTES = 32;

export function sealNonce(ephemeralPk: Uint8Array, recipientPk: Uint8Array): Uint8Array {
  const input = new Uint8Array(ephemeralPk.length + recipientPk.length);
  input.set(ephemeralPk, 0);
  input.set(recipientPk, ephemeralPk.length);
  return blake2b(input, { dkLen: 24 });
}

/** Opens a sealed box; returns null when it does not open with these keys. */
export function independentSealOpen(
  sealed: Uint8Array,
  recipientPk: Uint8Array,
  recipientSk: Uint8Array,
): Uint8Array | null {
  if (sealed.length < EPHEMERAL_PK_BYTES + nacl.box.overheadLength) return null;
  const ephemeralPk = sealed.subarray(0, EPHEMERAL_PK_BYTES);
  const box = sealed.subarray(EPHEMERAL_PK_BYTES);
  return nacl.box.open(box, sealNonce(ephemeralPk, recipientPk), ephemeralPk, recipientSk);
}

/** Seals a message to a recipient with a fresh ephemeral key pair. */
export function independentSeal(message: Uint8Array, recipientPk: Uint8Array): Uint8Array {
  const ephemeral = nacl.box.keyPair();
  const box = nacl.box(
    message,
    sealNonce(ephemeral.publicKey, recipientPk),
    recipientPk,
    ephemeral.secretKey,
  );
  const out = new Uint8Array(EPHEMERAL_PK_BYTES + box.length);
  out.set(ephemeral.publicKey, 0);
  out.set(box, EPHEMERAL_PK_BYTES);
  return out;
}

/** ISO/IEC 7816-4 padding: 0x80, then zeros up to the next multiple of `block` (always adds). */
export function isoPad(data: Uint8Array, block: number): Uint8Array {
  const length = (Math.floor(data.length / block) + 1) * block;
  const out = new Uint8Array(length);
  out.set(data, 0);
  out[data.length] = 0x80;
  return out;
}

/** Reverses isoPad; returns null when the padding is not well formed. */
export function isoUnpad(padded: Uint8Array, block: number): Uint8Array | null {
  if (padded.length === 0 || padded.length % block !== 0) return null;
  let i = padded.length - 1;
  while (i >= 0 && padded[i] === 0) i--;
  if (i < 0 || padded[i] !== 0x80 || padded.length - i > block) return null;
  return padded.subarray(0, i);
}
