// The hashes and MACs of secrets, in one place, on libsodium so that the browser can use the
// ones it needs (the receipt's lookup hash) and the server computes the same bytes. Each output
// format is fixed: databases already hold these values (tests/src/crypto/secret-hash.test.ts
// holds every function to node:crypto on fixed inputs).
import type { Sodium } from './sodium.ts';

function sha256(s: Sodium, input: Uint8Array | string): Uint8Array {
  // A string is hashed as its UTF-8 bytes.
  return s.crypto_hash_sha256(typeof input === 'string' ? s.from_string(input) : input);
}

/** SHA-256 as lowercase hex. */
export function sha256Hex(s: Sodium, input: Uint8Array | string): string {
  return s.to_hex(sha256(s, input));
}

/** SHA-256 as standard base64 with padding. */
export function sha256Base64(s: Sodium, input: Uint8Array | string): string {
  return s.to_base64(sha256(s, input), s.base64_variants.ORIGINAL);
}

/** SHA-256 as URL-safe base64 without padding. */
export function sha256Base64Url(s: Sodium, input: Uint8Array | string): string {
  return s.to_base64(sha256(s, input), s.base64_variants.URLSAFE_NO_PADDING);
}

export const HMAC_KEY_BYTES = 32;

/** HMAC-SHA256 under a 32-byte key, as standard base64 with padding. */
export function hmacSha256Base64(s: Sodium, key: Uint8Array, message: string): string {
  return s.to_base64(s.crypto_auth_hmacsha256(message, key), s.base64_variants.ORIGINAL);
}

/**
 * How a removed report's id is kept (removed_reports in db/schema.ts): its SHA-256 in base64,
 * never the id itself.
 */
export function removedIdHash(s: Sodium, id: string): string {
  return sha256Base64(s, id);
}

/** How an organisation's release token is stored and looked up: its SHA-256 in hex. */
export function releaseTokenHash(s: Sodium, token: string): string {
  return sha256Hex(s, token);
}
