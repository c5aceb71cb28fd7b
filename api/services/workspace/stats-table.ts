// One exact statistics table from a validated query: count, check the month span, suppress.
// Staff only (GET /api/org/stats); the public side answers from snapshots.
import type { Db } from '../../../db/client.ts';
import { isSyntheticDatabase } from '../../../db/repos/releases-repo.ts';
import { type CountQuery, type CountResult, countBy } from '../../../db/stats/stats-repo.ts';
import { monthIndex } from '../../../src/shared/months.ts';
import {
  buildTable,
  exactCsv,
  MAX_MONTH_SPAN,
  type StatsQuery,
  type StatsTable,
} from '../../../src/statistics/tables.ts';
import { ApiError } from '../../http/errors.ts';

/** The filters of a query that were set, in a fixed order, for echoing back. */
export function appliedFilters(query: StatsQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['from', 'to', 'region', 'perpetrator', 'violence', 'verified'] as const) {
    const value = query[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * The suppressed table for exact counts of `query`. `where` names where the period came from,
 * for the error message; `synthetic` marks a database of generated reports.
 */
export function tableFromCounts(
  query: StatsQuery,
  result: CountResult,
  k: number,
  options: { where?: string; synthetic?: boolean } = {},
): StatsTable {
  const { by } = query;
  const span = result.months;
  if (
    by.includes('month') &&
    span &&
    monthIndex(span.to) - monthIndex(span.from) >= MAX_MONTH_SPAN
  ) {
    throw new ApiError(
      400,
      'range_too_wide',
      `A table by month may span at most ${MAX_MONTH_SPAN} months`,
      [
        {
          path: `${options.where ?? 'querystring'}.from`,
          message: `set \`from\` and \`to\` at most ${MAX_MONTH_SPAN} months apart`,
        },
      ],
    );
  }
  const table = buildTable({
    by,
    ...result,
    k,
    filters: appliedFilters(query),
  });
  // Generated test data says so wherever its figures appear.
  return options.synthetic ? { ...table, synthetic: true } : table;
}

/**
 * Exact, suppressed counts for signed-in staff, of their own organisation's reports (`orgId`),
 * counted with SQL on this thread: the reference for api/services/workspace/org-stats-engine.ts, which
 * serves the route. Never served publicly.
 */
export function statsTable(
  db: Db,
  query: StatsQuery,
  k: number,
  options: { where?: string; orgId?: string } = {},
): StatsTable {
  const { by, ...filters } = query;
  const result = countBy(db, {
    by,
    ...filters,
    ...(options.orgId !== undefined ? { orgId: options.orgId } : {}),
  });
  return tableFromCounts(query, result, k, {
    ...(options.where !== undefined ? { where: options.where } : {}),
    synthetic: isSyntheticDatabase(db),
  });
}

/** What the staff route asks for: a query over one organisation's reports. */
export type OrgStatsRequest = {
  query: StatsQuery;
  k: number;
  orgId: string;
  synthetic: boolean;
  /** JSON for the workspace, or CSV for an export (marked confidential on its first line). */
  format?: { csv: { day: string } };
};

/**
 * The body of GET /api/org/stats, as JSON: count with `count`, check, suppress, serialise. The
 * same steps whichever engine counts and whichever thread runs them (org-stats-engine.ts).
 */
export function orgStatsBody(count: (q: CountQuery) => CountResult, r: OrgStatsRequest): string {
  const { by, ...filters } = r.query;
  const table = tableFromCounts(r.query, count({ by, ...filters, orgId: r.orgId }), r.k, {
    synthetic: r.synthetic,
  });
  if (r.format) return exactCsv(table, r.orgId, r.format.csv.day);
  return JSON.stringify({ ...table, confidential: true });
}
