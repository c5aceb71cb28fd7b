// Wrapping the organisation's private key for one staff member. Runs in the staff member's
// browser (and in tests and the CLI): the server only ever stores the wrapped form, and the
// passphrase that unwraps it never leaves the browser.
import * as z from 'zod';
import { CryptoInputError, fromBase64, SECRET_KEY_BYTES, type Sodium, toBase64 } from './sodium.ts';

export const WRAP_VERSION = 1;
export const MIN_PASSPHRASE_CHARS = 12;

// Argon2id at libsodium's "interactive" cost: about half a second on a laptop, and within the
// memory a browser tab can grow to. The cost is stored with each wrapped key so it can be raised.
const b64 = (bytes: number) =>
  z
    .string()
    .max(Math.ceil(bytes / 3) * 4 + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be standard base64');

export const WrappedKeySchema = z.strictObject({
  v: z.literal(WRAP_VERSION),
  salt: b64(16),
  nonce: b64(24),
  box: b64(SECRET_KEY_BYTES + 16),
  opslimit: z.number().int().min(2).max(10),
  memlimit: z
    .number()
    .int()
    .min(64 * 1024 * 1024)
    .max(1024 * 1024 * 1024),
});
export type WrappedKey = z.infer<typeof WrappedKeySchema>;

function deriveWrappingKey(
  s: Sodium,
  passphrase: string,
  salt: Uint8Array,
  opslimit: number,
  memlimit: number,
): Uint8Array {
  return s.crypto_pwhash(
    s.crypto_secretbox_KEYBYTES,
    passphrase,
    salt,
    opslimit,
    memlimit,
    s.crypto_pwhash_ALG_ARGON2ID13,
  );
}

/** Wraps a 32-byte private key under a key derived from the passphrase. */
export function wrapSecretKey(s: Sodium, secretKey: Uint8Array, passphrase: string): WrappedKey {
  if (secretKey.length !== SECRET_KEY_BYTES) {
    throw new CryptoInputError(`secret key must be ${SECRET_KEY_BYTES} bytes`);
  }
  if (passphrase.length < MIN_PASSPHRASE_CHARS) {
    throw new CryptoInputError(
      `the passphrase must have at least ${MIN_PASSPHRASE_CHARS} characters`,
    );
  }
  const opslimit = s.crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const memlimit = s.crypto_pwhash_MEMLIMIT_INTERACTIVE;
  const salt = s.randombytes_buf(s.crypto_pwhash_SALTBYTES);
  const nonce = s.randombytes_buf(s.crypto_secretbox_NONCEBYTES);
  const key = deriveWrappingKey(s, passphrase, salt, opslimit, memlimit);
  try {
    const box = s.crypto_secretbox_easy(secretKey, nonce, key);
    return {
      v: WRAP_VERSION,
      salt: toBase64(s, salt),
      nonce: toBase64(s, nonce),
      box: toBase64(s, box),
      opslimit,
      memlimit,
    };
  } finally {
    s.memzero(key);
  }
}

/**
 * Unwraps the private key. A wrong passphrase and a tampered wrapped key look the same (the MAC
 * fails) and both throw CryptoInputError; so do impossible lengths, checked before any work.
 */
export function unwrapSecretKey(s: Sodium, wrapped: WrappedKey, passphrase: string): Uint8Array {
  const parsed = WrappedKeySchema.safeParse(wrapped);
  if (!parsed.success) throw new CryptoInputError('the wrapped key is malformed');
  let salt: Uint8Array;
  let nonce: Uint8Array;
  let box: Uint8Array;
  try {
    salt = fromBase64(s, parsed.data.salt);
    nonce = fromBase64(s, parsed.data.nonce);
    box = fromBase64(s, parsed.data.box);
  } catch {
    throw new CryptoInputError('the wrapped key is not base64');
  }
  if (
    salt.length !== s.crypto_pwhash_SALTBYTES ||
    nonce.length !== s.crypto_secretbox_NONCEBYTES ||
    box.length !== SECRET_KEY_BYTES + s.crypto_secretbox_MACBYTES
  ) {
    throw new CryptoInputError('the wrapped key has an impossible length');
  }
  const key = deriveWrappingKey(s, passphrase, salt, parsed.data.opslimit, parsed.data.memlimit);
  try {
    return s.crypto_secretbox_open_easy(box, nonce, key);
  } catch {
    throw new CryptoInputError('wrong passphrase, or the wrapped key was altered');
  } finally {
    s.memzero(key);
  }
}
