// Incident months relative to today, so that tests do not rot as the ten-year window moves.
import { currentPeruMonth, monthFromIndex, monthIndex } from '../../src/shared/months.ts';

export function monthsAgo(n: number, now: Date = new Date()): string {
  return monthFromIndex(monthIndex(currentPeruMonth(now)) - n);
}

/** The months `first` to `last` (1 to 12) of `year`, as YYYY-MM, written out without the code under test. */
export function monthsOfYear(year: number, first: number, last: number): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m++) out.push(`${year}-${String(m).padStart(2, '0')}`);
  return out;
}
