// Answers a statistics query from the counters when it touches at most two facts (grouped or
// filtered; the period and `verified` are free), through the in-memory running totals.
import type Database from 'better-sqlite3';
import { monthFromIndex, monthIndex } from '../src/months.ts';
import { FILTER_DIMENSIONS, type FixedDimension, type RawCount } from '../src/stats.ts';
import { MAX_COUNTER_KEYS, pairDimensions, pairName } from '../src/stats-counters.ts';
import { occupiedSpan, pairCounts, rangeOf, rangeSum } from './stats-counters-cache.ts';
import { catchUpCounters } from './stats-counters-write.ts';
import type { CountQuery, CountResult } from './stats-repo.ts';

/**
 * The months a table by month spans: the bounds asked for, and where one is open, the first or
 * last month with any report in scope (not only those that pass the other filters: where a
 * filtered series starts would itself say something).
 */
export function monthSpan(
  sqlite: Database.Database,
  scope: number,
  q: Pick<CountQuery, 'from' | 'to'>,
): { from: string; to: string } | null {
  // Its callers (countFromCounters, countFromReports) have caught the counters up already.
  const span = occupiedSpan(pairCounts(sqlite, scope, ''), q.from, q.to);
  const from = q.from ?? span?.lo ?? q.to;
  const to = q.to ?? span?.hi ?? q.from;
  return from && to ? { from, to } : null;
}

/** Returns null when the query needs more than two facts at once. */
export function countFromCounters(sqlite: Database.Database, q: CountQuery): CountResult | null {
  // Reports committed since the last batch are added before anything is read.
  catchUpCounters(sqlite);
  const grouped = q.by.filter((d): d is FixedDimension => d !== 'month');
  const fixed = new Map<FixedDimension, string>();
  for (const d of FILTER_DIMENSIONS) {
    const value = q[d];
    if (value !== undefined) fixed.set(d, value);
  }
  if (grouped.some((d) => fixed.has(d))) return null;
  if (grouped.length + fixed.size > MAX_COUNTER_KEYS) return null;

  const scope = q.verified === 'true' ? 1 : 0;
  const months = monthSpan(sqlite, scope, q);
  if (!months) return { counts: [], total: 0, months: null };
  const pair = pairName([...grouped, ...fixed.keys()]);
  const dims = pairDimensions(pair);
  const matches = (codes: readonly string[]): boolean =>
    dims.every((d, i) => !fixed.has(d) || fixed.get(d) === codes[i]);
  const counts = pairCounts(sqlite, scope, pair);
  const out: RawCount[] = [];
  const byMonth = q.by.includes('month');
  // Month labels and their offsets in the running totals are worked out once, not per cell.
  const firstIndex = monthIndex(months.from);
  const monthLabels: string[] = [];
  if (byMonth)
    for (let m = firstIndex; m <= monthIndex(months.to); m++) monthLabels.push(monthFromIndex(m));
  const offset = firstIndex - counts.first;
  const range = rangeOf(counts, months.from, months.to);
  for (const cell of counts.cells) {
    const codes = [cell.a, cell.b];
    if (!matches(codes)) continue;
    const key = (month: string): string[] =>
      q.by.map((d) => (d === 'month' ? month : (codes[dims.indexOf(d)] ?? '')));
    if (!byMonth) {
      const n = rangeSum(cell, range);
      if (n) out.push({ key: key(''), count: n });
      continue;
    }
    const prefix = cell.prefix;
    monthLabels.forEach((month, i) => {
      const at = offset + i;
      if (at < 0 || at >= counts.length) return;
      const n = (prefix[at + 1] ?? 0) - (prefix[at] ?? 0);
      if (n) out.push({ key: key(month), count: n });
    });
  }
  const totalPair = pairName([...fixed.keys()]);
  const totalDims = pairDimensions(totalPair);
  const totals = pairCounts(sqlite, scope, totalPair);
  let total = 0;
  const totalRange = rangeOf(totals, months.from, months.to);
  for (const cell of totals.cells) {
    const codes = [cell.a, cell.b];
    if (totalDims.every((d, i) => fixed.get(d) === codes[i])) total += rangeSum(cell, totalRange);
  }
  return { counts: out, total, months };
}
