// Staff credentials: Argon2id password hashes, session tokens that are stored only as hashes,
// CSRF tokens derived from the session, and TOTP second factors. No HTTP or SQL here.
import { Secret, TOTP } from 'otpauth';
import { sha256Base64Url, sha256Hex } from './secret-hash.ts';
import type { Sodium } from './sodium.ts';

export const SESSION_TOKEN_BYTES = 32;

export function hashPassword(s: Sodium, password: string): string {
  return s.crypto_pwhash_str(
    password,
    s.crypto_pwhash_OPSLIMIT_INTERACTIVE,
    s.crypto_pwhash_MEMLIMIT_INTERACTIVE,
  );
}

export function verifyPassword(s: Sodium, hash: string, password: string): boolean {
  try {
    return s.crypto_pwhash_str_verify(hash, password);
  } catch {
    return false;
  }
}

// A hash of a password nobody has: checked when the e-mail is unknown, so a login for an
// unknown address takes as long as one for a known address.
let dummyHash: string | null = null;
export function dummyPasswordHash(s: Sodium): string {
  dummyHash ??= hashPassword(s, s.to_base64(s.randombytes_buf(24)));
  return dummyHash;
}

export function newSessionToken(s: Sodium): string {
  return s.to_base64(s.randombytes_buf(SESSION_TOKEN_BYTES), s.base64_variants.URLSAFE_NO_PADDING);
}

/** What the database keeps instead of the session token. */
export function hashSessionToken(s: Sodium, token: string): string {
  return sha256Hex(s, `session\0${token}`);
}

/**
 * The CSRF token for a session: derived from the session token, so nothing more is stored, and
 * another site (which cannot read the HttpOnly cookie) cannot compute it.
 */
export function csrfTokenFor(s: Sodium, sessionToken: string): string {
  return sha256Base64Url(s, `csrf\0${sessionToken}`);
}

export function sameToken(s: Sodium, a: string, b: string): boolean {
  const x = s.from_string(a);
  const y = s.from_string(b);
  return x.length === y.length && s.memcmp(x, y);
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, email: string): string {
  return new TOTP({
    issuer: 'Voz Segura',
    label: email,
    secret: Secret.fromBase32(secret),
  }).toString();
}

const TOTP_PERIOD_MS = 30_000;

/**
 * The time step of a valid code (the current step or one either side, for clocks that drift),
 * or null. Callers refuse a step at or before the last one accepted, so a code works once.
 */
export function totpStep(secret: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / TOTP_PERIOD_MS) + delta;
}

export function totpCode(secret: string, now: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: now });
}
