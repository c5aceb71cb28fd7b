// Slows password guessing against one account: after a few failures each further attempt must
// wait twice as long as the last (up to a ceiling). Keyed by the e-mail typed, known or not, so
// the throttle itself does not reveal which addresses have accounts. Kept in memory: a restart
// forgets it, which costs an attacker a restart they cannot cause.
export const FREE_FAILURES = 3;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;
const MAX_ENTRIES = 10_000;

type Entry = { failures: number; until: number };

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  /** Milliseconds until this key may try again (0 when it may try now). */
  waitFor(key: string, now: number): number {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, entry.until - now) : 0;
  }

  failed(key: string, now: number): void {
    const failures = (this.entries.get(key)?.failures ?? 0) + 1;
    const delay =
      failures < FREE_FAILURES
        ? 0
        : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES));
    this.entries.delete(key);
    this.entries.set(key, { failures, until: now + delay });
    // Forget the oldest entries first rather than grow without bound.
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }
}
