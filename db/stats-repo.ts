import type { Dimension, RawCount, StatsFilter } from '../src/stats.ts';
import type { Db } from './client.ts';
import { SOURCES } from './fact-sources.ts';
import { countFromCounters, monthSpan } from './stats-counters-read.ts';
import { catchUpCounters } from './stats-counters-write.ts';

export type CountQuery = { by: readonly Dimension[] } & StatsFilter;
export type CountResult = {
  counts: RawCount[];
  total: number;
  months: { from: string; to: string } | null;
};

function whereClause(q: CountQuery): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (q.from) {
    parts.push('r.incident_month >= ?');
    params.push(q.from);
  }
  if (q.to) {
    parts.push('r.incident_month <= ?');
    params.push(q.to);
  }
  if (q.region) {
    parts.push('r.region = ?');
    params.push(q.region);
  }
  // A report matches a multi-valued filter when any of its values is the one asked for.
  if (q.perpetrator) {
    parts.push('exists (select 1 from json_each(r.perpetrators) fp where fp.value = ?)');
    params.push(q.perpetrator);
  }
  if (q.violence) {
    parts.push('exists (select 1 from json_each(r.violence) fv where fv.value = ?)');
    params.push(q.violence);
  }
  if (q.verified === 'true') parts.push('r.verified = 1');
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

/**
 * Counts reports per combination of codes. A report with several values of a multi-valued
 * fact is counted once under each value; `total` counts each report once. Read from the
 * counter tables when they can answer, otherwise from the report rows.
 */
export function countBy(db: Db, q: CountQuery): CountResult {
  // Each of the two catches the counters up before it reads.
  return countFromCounters(db.$client, q) ?? countFromReports(db, q);
}

/** The same counts straight from the report rows: slower, but answers any query. */
export function countFromReports(db: Db, q: CountQuery): CountResult {
  const sqlite = db.$client;
  catchUpCounters(sqlite);
  const where = whereClause(q);
  const columns = q.by.map((d) => SOURCES[d].column);
  const joins = q.by.map((d) => SOURCES[d].join ?? '').join(' ');
  const rows = sqlite
    .prepare(
      `select ${columns.map((c, i) => `${c} as d${i}`).join(', ')}, count(*) as n
       from reports r ${joins} ${where.sql} group by ${columns.join(', ')}`,
    )
    .raw()
    .all(...where.params) as Array<Array<string | number>>;
  const counts = rows.map((row) => ({
    key: row.slice(0, q.by.length).map(String),
    count: Number(row[q.by.length]),
  }));
  const total = sqlite
    .prepare(`select count(*) as total from reports r ${where.sql}`)
    .get(...where.params) as { total: number };
  // The month axis spans the period of all reports in scope, not only those that pass the
  // other filters: where a filtered series starts would itself say something.
  const months = monthSpan(sqlite, q.verified === 'true' ? 1 : 0, q);
  return { counts, total: total.total, months };
}
