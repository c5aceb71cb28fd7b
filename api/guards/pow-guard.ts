// Issues and checks proof-of-work challenges. All state is in memory: the signing secret is
// new at every start, and spent challenges are remembered only until they expire.
import { randomBytes } from 'node:crypto';
import { challengeDifficulty, MAX_POW_DIFFICULTY, meetsDifficulty } from '../../src/crypto/pow.ts';
import { type Sodium, toBase64 } from '../../src/crypto/sodium.ts';
import { ApiError } from '../http/errors.ts';

export type PowVerdict = 'ok' | 'invalid' | 'expired' | 'reused' | 'too_easy';
export type PowChallenge = { challenge: string; difficulty: number; expiresInSeconds: number };

const LIFETIME_MINUTES = 120;
// Extra bits asked for while challenges are being requested faster than a person could.
const SURGE_EXTRA_BITS = 4;

export class PowGuard {
  private readonly secret: Uint8Array;
  // Spent challenges, grouped by the minute they expire, so forgetting the expired ones costs
  // nothing per request (scanning one big map on every check was 8 % of the CPU under load).
  private readonly spent = new Map<number, Set<string>>();
  private oldestKept = 0;
  private windowMinute = 0;
  private issuedThisMinute = 0;

  constructor(
    private readonly sodium: Sodium,
    readonly baseDifficulty: number,
    private readonly surgePerMinute: number,
    private readonly now: () => Date,
  ) {
    this.secret = sodium.randombytes_buf(32);
  }

  get enabled(): boolean {
    return this.baseDifficulty > 0;
  }

  private minute(): number {
    return Math.floor(this.now().getTime() / 60_000);
  }

  private mac(payload: string): string {
    return toBase64(
      this.sodium,
      this.sodium.crypto_generichash(16, this.sodium.from_string(payload), this.secret),
    ).replace(/=+$/, '');
  }

  currentDifficulty(): number {
    if (!this.enabled) return 0;
    const surge = this.issuedThisMinute > this.surgePerMinute ? SURGE_EXTRA_BITS : 0;
    return Math.min(this.baseDifficulty + surge, MAX_POW_DIFFICULTY);
  }

  issue(): PowChallenge {
    const minute = this.minute();
    if (minute !== this.windowMinute) {
      this.windowMinute = minute;
      this.issuedThisMinute = 0;
    }
    this.issuedThisMinute++;
    const difficulty = this.currentDifficulty();
    // Node's own CSPRNG: libsodium's randombytes in WebAssembly calls back into JavaScript for
    // every four bytes, which was a twentieth of the server's time under a burst of challenges.
    const salt = randomBytes(12).toString('hex');
    const payload = `v1.${difficulty}.${minute + LIFETIME_MINUTES}.${salt}`;
    return {
      challenge: `${payload}.${this.mac(payload)}`,
      difficulty,
      expiresInSeconds: LIFETIME_MINUTES * 60,
    };
  }

  /** Checks a solution and, if it is good, spends the challenge so it cannot be used again. */
  verify(challenge: string, nonce: string): PowVerdict {
    const parts = challenge.split('.');
    const difficulty = challengeDifficulty(challenge);
    if (difficulty === null || parts.length !== 5 || nonce.length > 32) return 'invalid';
    const payload = parts.slice(0, 4).join('.');
    const expected = this.sodium.from_string(this.mac(payload));
    const given = this.sodium.from_string(parts[4] ?? '');
    if (given.length !== expected.length || !this.sodium.memcmp(expected, given)) return 'invalid';
    const expiry = Number(parts[2]);
    const minute = this.minute();
    // Also expired if its minute was already forgotten (should the clock step backwards).
    if (!(expiry >= minute) || expiry < this.oldestKept) return 'expired';
    if (difficulty < this.baseDifficulty) return 'too_easy';
    if (this.spent.get(expiry)?.has(challenge)) return 'reused';
    if (!meetsDifficulty(this.sodium, challenge, nonce, difficulty)) return 'invalid';
    this.forgetExpired(minute);
    let bucket = this.spent.get(expiry);
    if (!bucket) {
      bucket = new Set();
      this.spent.set(expiry, bucket);
    }
    bucket.add(challenge);
    return 'ok';
  }

  /** Makes a spent challenge good again: its request was not carried out (the database failed). */
  release(challenge: string): void {
    const expiry = Number(challenge.split('.')[2]);
    this.spent.get(expiry)?.delete(challenge);
  }

  /** How many spent challenges are remembered (they are forgotten once they expire). */
  get spentCount(): number {
    let n = 0;
    for (const bucket of this.spent.values()) n += bucket.size;
    return n;
  }

  private forgetExpired(minute: number): void {
    // At most once a minute: a challenge expiring before this minute can no longer be accepted.
    if (minute <= this.oldestKept) return;
    this.oldestKept = minute;
    for (const expiry of this.spent.keys()) if (expiry < minute) this.spent.delete(expiry);
  }
}

const POW_PROBLEMS: Record<Exclude<PowVerdict, 'ok'>, string> = {
  invalid: 'The proof of work is not valid',
  expired: 'The proof-of-work challenge has expired; ask for a new one',
  reused: 'This proof-of-work challenge was already used; ask for a new one',
  too_easy: 'The proof-of-work challenge is too easy now; ask for a new one',
};

/** Refuses a request that lacks, or has a bad, proof of work (when proof of work is on). */
export function checkProofOfWork(
  pow: PowGuard,
  proof: { challenge: string; nonce: string } | undefined,
): void {
  if (!pow.enabled) return;
  if (!proof) {
    throw new ApiError(400, 'pow_required', 'This request needs a proof of work (GET /api/pow)', [
      { path: 'body.pow', message: 'is required' },
    ]);
  }
  const verdict = pow.verify(proof.challenge, proof.nonce);
  if (verdict !== 'ok') {
    throw new ApiError(400, `pow_${verdict}`, POW_PROBLEMS[verdict], [
      { path: 'body.pow', message: POW_PROBLEMS[verdict] },
    ]);
  }
}
