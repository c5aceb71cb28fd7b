// Proof of work that identifies no one: the server hands out a signed, short-lived challenge;
// the browser finds a nonce whose BLAKE2b hash, with the challenge, starts with `difficulty`
// zero bits. Built on libsodium (already loaded for sealing), so it also works over plain HTTP
// or Tor where WebCrypto's subtle API is missing.
import type { Sodium } from './sodium.ts';

export const POW_ALGORITHM = 'blake2b-256-leading-zero-bits';
export const MAX_POW_DIFFICULTY = 28;

export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function powHash(s: Sodium, challenge: string, nonce: string): Uint8Array {
  return s.crypto_generichash(32, s.from_string(`${challenge}:${nonce}`), null);
}

export function meetsDifficulty(
  s: Sodium,
  challenge: string,
  nonce: string,
  difficulty: number,
): boolean {
  return leadingZeroBits(powHash(s, challenge, nonce)) >= difficulty;
}

/** Reads the difficulty a challenge was issued with (`v1.<difficulty>.<expiry>.<salt>.<mac>`). */
export function challengeDifficulty(challenge: string): number | null {
  const parts = challenge.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') return null;
  const d = Number(parts[1]);
  return Number.isInteger(d) && d >= 0 && d <= MAX_POW_DIFFICULTY ? d : null;
}

/**
 * Searches nonces in slices of `batch`, yielding between slices (through `pause`) so the page
 * stays responsive while the person types.
 */
export async function solve(
  s: Sodium,
  challenge: string,
  difficulty: number,
  pause: () => Promise<void> = () => Promise.resolve(),
  batch = 2000,
): Promise<string> {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (meetsDifficulty(s, challenge, nonce, difficulty)) return nonce;
    if (n % batch === batch - 1) await pause();
  }
}
