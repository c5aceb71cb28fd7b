// Slows password guessing against one account: after a few failures each further attempt must
// wait twice as long as the last (up to a ceiling). Keyed by the e-mail typed, known or not, so
// the throttle itself does not reveal which addresses have accounts. Kept in memory: a restart
// forgets it, which costs an attacker a restart they cannot cause.
//
// Checking a password takes a while and happens in another thread, so attempts for one e-mail
// could overlap: each would find no failure recorded yet, and a burst of guesses sent at once
// would all be checked before the first failure counted. So one attempt per e-mail is checked
// at a time, and another that arrives meanwhile is refused as if it had to wait.
export const FREE_FAILURES = 3;
/** What an attempt is told to wait while another for the same e-mail is being checked. */
export const BUSY_WAIT_MS = 1000;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;
const MAX_ENTRIES = 10_000;

type Entry = { failures: number; until: number };

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  // Bounded by the attempts being checked at once, which the password pool bounds.
  private readonly underWay = new Set<string>();

  /** Milliseconds until this key may try again (0 when it may try now). */
  waitFor(key: string, now: number): number {
    if (this.underWay.has(key)) return BUSY_WAIT_MS;
    const entry = this.entries.get(key);
    return entry ? Math.max(0, entry.until - now) : 0;
  }

  /**
   * Starts an attempt: 0 if it may go ahead (it is then under way until `end`), otherwise the
   * milliseconds to wait. Checking and marking in one call leaves no gap for another attempt.
   */
  begin(key: string, now: number): number {
    const wait = this.waitFor(key, now);
    if (wait === 0) this.underWay.add(key);
    return wait;
  }

  /** Ends an attempt, whatever its outcome (record it first with `failed` or `succeeded`). */
  end(key: string): void {
    this.underWay.delete(key);
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
