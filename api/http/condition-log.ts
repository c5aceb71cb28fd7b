// One log line when the database stops taking writes, then one a minute with how many requests
// it refused, instead of an error with a full stack per refused report: on a full disk that made
// 73,000 entries (40 MB) in a minute, and if the logs share the disk they make it worse.
export const REPORT_EVERY_MS = 60_000;

type Condition = { refused: number; lastLine: number; lastSeen: number };
type Log = (fields: Record<string, unknown>, message: string) => void;

export class ConditionLog {
  private readonly conditions = new Map<string, Condition>();

  constructor(
    private readonly log: Log,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Notes one request refused because of `code` (an SQLite error code such as SQLITE_FULL). */
  refused(code: string): void {
    const t = this.now();
    const c = this.conditions.get(code);
    // Quiet for a whole period: it had cleared, and this is a new spell.
    if (!c || t - c.lastSeen > REPORT_EVERY_MS) {
      this.conditions.set(code, { refused: 0, lastLine: t, lastSeen: t });
      this.log({ code }, 'the database cannot be written; requests get 503 until it can');
      return;
    }
    c.refused++;
    c.lastSeen = t;
    if (t - c.lastLine >= REPORT_EVERY_MS) {
      this.log({ code, refused: c.refused }, 'the database still cannot be written');
      c.refused = 0;
      c.lastLine = t;
    }
  }
}
