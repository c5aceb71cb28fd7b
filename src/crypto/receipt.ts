// The receipt code for following up without an account. It is made and kept only in the
// reporter's browser. From it the browser derives, with Argon2id, a lookup token (whose SHA-256
// is all the server stores) and a reply key pair (the server stores the public half). Anyone
// holding the code can do what the reporter can; no one without it can find the report.
import { sha256Hex } from './secret-hash.ts';
import { CryptoInputError, type Sodium } from './sodium.ts';

// 16 decimal digits: log2(10^16) ≈ 53.2 bits, above the 50 bits asked for, and short enough to
// save as a phone contact.
export const RECEIPT_DIGITS = 16;
export const LOOKUP_TOKEN_BYTES = 32;
// A fixed, public salt: there is no account to hang a per-user salt on. Argon2id's cost and the
// code's 53 bits are what make guessing expensive; the server's throttle adds to it.
const RECEIPT_SALT = 'vozsegura:recibo'; // crypto_pwhash_SALTBYTES = 16

/** A fresh code, one uniformly random digit at a time (randombytes_uniform has no modulo bias). */
export function newReceiptCode(s: Sodium): string {
  let code = '';
  for (let i = 0; i < RECEIPT_DIGITS; i++) code += String(s.randombytes_uniform(10));
  return code;
}

/** Groups of four, like a phone number: "4821 0937 5562 1184". */
export function formatReceiptCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Digits only, or null if what was typed cannot be a receipt code. */
export function normaliseReceiptCode(typed: string): string | null {
  const digits = typed.replace(/[\s.\-–—]/g, '');
  return new RegExp(`^\\d{${RECEIPT_DIGITS}}$`).test(digits) ? digits : null;
}

export type FollowUpKeys = {
  lookupToken: Uint8Array;
  replyPublicKey: Uint8Array;
  replySecretKey: Uint8Array;
};

export function deriveFollowUpKeys(s: Sodium, code: string): FollowUpKeys {
  const digits = normaliseReceiptCode(code);
  if (!digits) throw new CryptoInputError(`a receipt code has ${RECEIPT_DIGITS} digits`);
  const out = s.crypto_pwhash(
    LOOKUP_TOKEN_BYTES + s.crypto_box_SEEDBYTES,
    digits,
    s.from_string(RECEIPT_SALT),
    s.crypto_pwhash_OPSLIMIT_INTERACTIVE,
    s.crypto_pwhash_MEMLIMIT_INTERACTIVE,
    s.crypto_pwhash_ALG_ARGON2ID13,
  );
  const seed = out.slice(LOOKUP_TOKEN_BYTES);
  const pair = s.crypto_box_seed_keypair(seed);
  s.memzero(seed);
  return {
    lookupToken: out.slice(0, LOOKUP_TOKEN_BYTES),
    replyPublicKey: pair.publicKey,
    replySecretKey: pair.privateKey,
  };
}

/** What the report carries instead of the token; the server computes the same on look-up. */
export function lookupHash(s: Sodium, lookupToken: Uint8Array): string {
  if (lookupToken.length !== LOOKUP_TOKEN_BYTES) throw new CryptoInputError('lookup token length');
  return sha256Hex(s, lookupToken);
}
