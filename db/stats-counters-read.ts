// Answers a statistics query from stat_counters when it touches at most two facts (grouped or
// filtered; the period and `verified` are free). The rows read depend on the vocabulary and
// the period, not on the number of reports.
import type Database from 'better-sqlite3';
import { FILTER_DIMENSIONS, type FixedDimension, type RawCount } from '../src/stats.ts';
import { bucketRanges, MAX_COUNTER_KEYS, pairDimensions, pairName } from '../src/stats-counters.ts';
import type { CountQuery, CountResult } from './stats-repo.ts';

type Where = { sql: string; params: string[] };

/** Constrains the pair's code columns to the filter values. */
function codeWhere(pair: string, fixed: ReadonlyMap<FixedDimension, string>): Where {
  const parts: string[] = [];
  const params: string[] = [];
  pairDimensions(pair).forEach((d, i) => {
    const value = fixed.get(d);
    if (value === undefined) return;
    parts.push(`${i === 0 ? 'a' : 'b'} = ?`);
    params.push(value);
  });
  return { sql: parts.map((p) => ` and ${p}`).join(''), params };
}

export function monthSpan(
  sqlite: Database.Database,
  scope: number,
  q: Pick<CountQuery, 'from' | 'to'>,
): { from: string; to: string } | null {
  const span = sqlite
    .prepare(
      `select min(bucket) as lo, max(bucket) as hi from stat_counters
       where scope = ? and pair = '' and grain = 'm' and bucket between ? and ? and n > 0`,
    )
    .get(scope, q.from ?? '0000-01', q.to ?? '9999-12') as { lo: string | null; hi: string | null };
  const from = q.from ?? span.lo ?? q.to;
  const to = q.to ?? span.hi ?? q.from;
  return from && to ? { from, to } : null;
}

/** Returns null when the query needs more than two facts at once. */
export function countFromCounters(sqlite: Database.Database, q: CountQuery): CountResult | null {
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
  const where = codeWhere(pair, fixed);
  const column = (d: FixedDimension): number => pairDimensions(pair).indexOf(d);
  const sums = new Map<string, RawCount>();
  const add = (key: string[], n: number): void => {
    const id = key.join('\u0000');
    const hit = sums.get(id);
    if (hit) hit.count += n;
    else sums.set(id, { key, count: n });
  };
  const ranges = q.by.includes('month')
    ? [{ grain: 'm' as const, ...months }]
    : bucketRanges(months.from, months.to);
  const read = sqlite.prepare(
    `select bucket, a, b, sum(n) as n from stat_counters
     where scope = ? and pair = ? and grain = ? and bucket between ? and ?${where.sql}
     group by ${q.by.includes('month') ? 'bucket, ' : ''}a, b`,
  );
  for (const r of ranges) {
    const rows = read.raw().all(scope, pair, r.grain, r.from, r.to, ...where.params) as Array<
      [string, string, string, number]
    >;
    for (const [bucket, a, b, n] of rows) {
      if (n === 0) continue;
      const codes = [a, b];
      add(
        q.by.map((d) => (d === 'month' ? bucket : (codes[column(d)] ?? ''))),
        n,
      );
    }
  }
  const totalPair = pairName([...fixed.keys()]);
  const totalWhere = codeWhere(totalPair, fixed);
  const totalRead = sqlite.prepare(
    `select coalesce(sum(n), 0) as n from stat_counters
     where scope = ? and pair = ? and grain = ? and bucket between ? and ?${totalWhere.sql}`,
  );
  let total = 0;
  for (const r of bucketRanges(months.from, months.to)) {
    const row = totalRead.get(scope, totalPair, r.grain, r.from, r.to, ...totalWhere.params) as {
      n: number;
    };
    total += row.n;
  }
  return { counts: [...sums.values()], total, months };
}
