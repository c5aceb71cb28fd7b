// When snapshots are due. A snapshot covers every report received up to the last day of a closed
// period, and is published no earlier than `delayDays` after it. Days are UTC (`YYYY-MM-DD`),
// like the reports' received day.
export const PERIODS = ['month', 'quarter'] as const;
export type Period = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The last day of the period that ends on or before `day`. */
export function lastClosedPeriodEnd(day: string, period: Period): string {
  const d = new Date(`${day}T00:00:00Z`);
  const months = period === 'month' ? 1 : 3;
  // The first day of the period that contains `day`; the day before it ends the previous one.
  const month = d.getUTCMonth() - (d.getUTCMonth() % months);
  const start = Date.UTC(d.getUTCFullYear(), month, 1);
  const next = Date.UTC(d.getUTCFullYear(), month + months, 1);
  // When `day` is the last day of its period, that period counts as ended on it.
  return dayOf((dayOf(next - DAY_MS) === day ? next : start) - DAY_MS);
}

/** The end of the newest period whose snapshot is due on `today`. */
export function dueThrough(today: string, period: Period, delayDays: number): string {
  const cutoff = dayOf(Date.parse(`${today}T00:00:00Z`) - delayDays * DAY_MS);
  return lastClosedPeriodEnd(cutoff, period);
}

export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isRealDay(day: string): boolean {
  return DAY_PATTERN.test(day) && dayOf(Date.parse(`${day}T00:00:00Z`)) === day;
}
