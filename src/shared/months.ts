// Incident months are `YYYY-MM`. The exact day only ever goes in the sealed part.

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MAX_MONTHS_BACK = 120;

// Peru has no daylight saving time: it is UTC-5 all year. Reporters think in their own month.
const PERU_OFFSET_MS = -5 * 60 * 60 * 1000;

export function monthIndex(month: string): number {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`not a YYYY-MM month: ${month}`);
  return Number(match[1]) * 12 + (Number(match[2]) - 1);
}

export function monthFromIndex(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function currentPeruMonth(now: Date): string {
  const peru = new Date(now.getTime() + PERU_OFFSET_MS);
  return monthFromIndex(peru.getUTCFullYear() * 12 + peru.getUTCMonth());
}

/** The oldest month a report may name: ten years before the current month. */
export function earliestAllowedMonth(now: Date): string {
  return monthFromIndex(monthIndex(currentPeruMonth(now)) - MAX_MONTHS_BACK);
}

/** Returns a plain-language problem, or null when the month is acceptable. */
export function incidentMonthProblem(month: string, now: Date): string | null {
  if (!MONTH_PATTERN.test(month)) return 'must be a month written YYYY-MM';
  const index = monthIndex(month);
  if (index > monthIndex(currentPeruMonth(now))) return 'cannot be in the future';
  if (index < monthIndex(earliestAllowedMonth(now))) return 'cannot be more than 10 years ago';
  return null;
}

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

/** The UTC day, `YYYY-MM-DD`: the finest time the server ever keeps. */
let lastDay = { index: Number.NaN, text: '' };
export function utcDay(now: Date): string {
  // Called for every stored report: the text is remade only when the day changes.
  const index = Math.floor(now.getTime() / 86_400_000);
  if (index !== lastDay.index) lastDay = { index, text: now.toISOString().slice(0, 10) };
  return lastDay.text;
}
