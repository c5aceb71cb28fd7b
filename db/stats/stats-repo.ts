import type { Dimension, RawCount, StatsFilter } from '../../src/statistics/tables.ts';
import type { Db } from '../client.ts';
import { SOURCES } from './fact-sources.ts';

export type CountQuery = { by: readonly Dimension[]; orgId?: string } & StatsFilter;
export type CountResult = {
  counts: RawCount[];
  total: number;
  months: { from: string; to: string } | null;
};

/** Each one-value filter and the condition it adds, in the order they are written. */
const FILTERS = [
  ['from', 'r.incident_month >= ?'],
  ['to', 'r.incident_month <= ?'],
  ['region', 'r.region = ?'],
  // A report matches a multi-valued filter when any of its values is the one asked for.
  ['perpetrator', 'exists (select 1 from json_each(r.perpetrators) fp where fp.value = ?)'],
  ['violence', 'exists (select 1 from json_each(r.violence) fv where fv.value = ?)'],
] as const satisfies ReadonlyArray<readonly [keyof StatsFilter, string]>;

function whereClause(q: CountQuery): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  for (const [key, condition] of FILTERS) {
    const value = q[key];
    if (value) {
      parts.push(condition);
      params.push(value);
    }
  }
  if (q.verified === 'true') parts.push('r.verified = 1');
  // Staff see exact figures only for the reports that reached their own organisation.
  if (q.orgId !== undefined) {
    parts.push(
      'exists (select 1 from report_boxes ob where ob.report_id = r.id and ob.recipient_id = ?)',
    );
    params.push(q.orgId);
  }
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

/**
 * Counts reports per combination of codes. A report with several values of a multi-valued
 * fact is counted once under each value; `total` counts each report once. The reference
 * implementation: the staff engine (db/stats/fact-*.ts) must give the same answers.
 */
export function countBy(db: Db, q: CountQuery): CountResult {
  return countFromReports(db, q);
}

/** The same counts straight from the report rows: slower, but answers any query. */
export function countFromReports(db: Db, q: CountQuery): CountResult {
  const sqlite = db.$client;
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
  const months = monthSpanOf(sqlite, q);
  return { counts, total: total.total, months };
}

/**
 * The months a table by month spans: the bounds asked for, and where one is open, the first or
 * last month with any report in scope (the organisation, the period and `verified`; not the other
 * filters: where a filtered series starts would itself say something).
 */
function monthSpanOf(sqlite: Db['$client'], q: CountQuery): { from: string; to: string } | null {
  const where = whereClause({
    by: [],
    from: q.from,
    to: q.to,
    verified: q.verified,
    orgId: q.orgId,
  });
  const row = sqlite
    .prepare(
      `select min(r.incident_month) as lo, max(r.incident_month) as hi from reports r ${where.sql}`,
    )
    .get(...where.params) as { lo: string | null; hi: string | null };
  const from = q.from ?? row.lo ?? q.to;
  const to = q.to ?? row.hi ?? q.from;
  return from && to ? { from, to } : null;
}
