// Incident months relative to today, so that tests do not rot as the ten-year window moves.
import { currentPeruMonth, monthFromIndex, monthIndex } from '../../src/months.ts';

export function monthsAgo(n: number, now: Date = new Date()): string {
  return monthFromIndex(monthIndex(currentPeruMonth(now)) - n);
}
