// An in-memory copy of stat_counters, one pair of facts at a time, held as running totals over
// months. A range of months is then two subtractions per cell, so a query costs the same with
// a thousand reports or a million. The copy is dropped when this process writes counters, and
// when SQLite's data_version says another connection committed.
import type Database from 'better-sqlite3';
import { monthFromIndex, monthIndex } from '../src/months.ts';

export type PairCell = { a: string; b: string; prefix: Float64Array };
/** Running totals: prefix[i] is the count of months first .. first + i − 1. */
export type PairCounts = { first: number; length: number; cells: PairCell[] };

type ConnectionCache = { version: number; pairs: Map<string, PairCounts> };
const caches = new WeakMap<Database.Database, ConnectionCache>();

export function invalidateCounterCache(sqlite: Database.Database): void {
  caches.delete(sqlite);
}

function load(sqlite: Database.Database, scope: number, pair: string): PairCounts {
  const rows = sqlite
    .prepare('select month, a, b, n from stat_counters where scope = ? and pair = ?')
    .raw()
    .all(scope, pair) as Array<[string, string, string, number]>;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const [month] of rows) {
    const m = monthIndex(month);
    if (m < first) first = m;
    if (m > last) last = m;
  }
  if (rows.length === 0) return { first: 0, length: 0, cells: [] };
  const length = last - first + 1;
  const byCell = new Map<string, PairCell>();
  for (const [month, a, b, n] of rows) {
    const id = `${a}\u0000${b}`;
    let cell = byCell.get(id);
    if (!cell) {
      cell = { a, b, prefix: new Float64Array(length + 1) };
      byCell.set(id, cell);
    }
    cell.prefix[monthIndex(month) - first + 1] =
      (cell.prefix[monthIndex(month) - first + 1] ?? 0) + n;
  }
  for (const cell of byCell.values()) {
    for (let i = 1; i <= length; i++)
      cell.prefix[i] = (cell.prefix[i] ?? 0) + (cell.prefix[i - 1] ?? 0);
  }
  return { first, length, cells: [...byCell.values()] };
}

export function pairCounts(sqlite: Database.Database, scope: number, pair: string): PairCounts {
  const version = sqlite.pragma('data_version', { simple: true }) as number;
  let cache = caches.get(sqlite);
  if (!cache || cache.version !== version) {
    cache = { version, pairs: new Map() };
    caches.set(sqlite, cache);
  }
  const key = `${scope}/${pair}`;
  let counts = cache.pairs.get(key);
  if (!counts) {
    counts = load(sqlite, scope, pair);
    cache.pairs.set(key, counts);
  }
  return counts;
}

/** Offsets of months from..to (inclusive, `YYYY-MM`) in the running totals, clamped. */
export function rangeOf(counts: PairCounts, from: string, to: string): { lo: number; hi: number } {
  return {
    lo: Math.max(0, monthIndex(from) - counts.first),
    hi: Math.min(counts.length - 1, monthIndex(to) - counts.first),
  };
}

/** The count of one cell over a range from rangeOf. */
export function rangeSum(cell: PairCell, range: { lo: number; hi: number }): number {
  if (range.lo > range.hi) return 0;
  return (cell.prefix[range.hi + 1] ?? 0) - (cell.prefix[range.lo] ?? 0);
}

/** The first and last months within from..to that have any report in this scope. */
export function occupiedSpan(
  counts: PairCounts,
  from: string | undefined,
  to: string | undefined,
): { lo: string; hi: string } | null {
  const cell = counts.cells[0];
  if (!cell) return null;
  const start = Math.max(0, from ? monthIndex(from) - counts.first : 0);
  const end = Math.min(counts.length - 1, to ? monthIndex(to) - counts.first : counts.length - 1);
  const at = (i: number): number => (cell.prefix[i + 1] ?? 0) - (cell.prefix[i] ?? 0);
  let lo = start;
  while (lo <= end && at(lo) === 0) lo++;
  let hi = end;
  while (hi >= lo && at(hi) === 0) hi--;
  if (lo > hi) return null;
  return { lo: monthFromIndex(counts.first + lo), hi: monthFromIndex(counts.first + hi) };
}
