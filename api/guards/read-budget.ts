// A per-client budget for the public reads that can cost the server (statistics, releases),
// weighted by what each answer cost to send: one unit a request plus one per 32 KiB of body. A
// plain count would let a client that asks only for the largest answers take many times the
// share of one that reads the dashboard. Clients are keyed as for every other limit (a daily
// keyed hash of the address, in memory only).
export const BYTES_PER_UNIT = 32 * 1024;
// At most this many clients are remembered; the oldest entries go first, so a flood of
// addresses cannot grow memory (a forgotten client starts again with a full budget).
const MAX_CLIENTS = 50_000;

type Bucket = { units: number; at: number };

export class ReadBudget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    /** Units a client may spend per minute, and hold at most. */
    private readonly perMinute: number,
  ) {}

  /** Seconds until the client may read again (0: now). */
  waitFor(key: string, now: number): number {
    const bucket = this.refill(key, now);
    if (bucket.units >= 1) return 0;
    return Math.ceil(((1 - bucket.units) * 60) / this.perMinute);
  }

  /** Charges what an answer of `bytes` cost. The balance may go below zero: the next waits. */
  charge(key: string, bytes: number, now: number): void {
    const bucket = this.refill(key, now);
    bucket.units -= 1 + Math.floor(bytes / BYTES_PER_UNIT);
  }

  private refill(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_CLIENTS) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
      bucket = { units: this.perMinute, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    bucket.units = Math.min(
      this.perMinute,
      bucket.units + ((now - bucket.at) * this.perMinute) / 60_000,
    );
    bucket.at = now;
    return bucket;
  }
}
