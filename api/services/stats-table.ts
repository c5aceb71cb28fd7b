// One exact statistics table from a validated query: count, check the month span, suppress.
// Staff only (GET /api/org/stats); the public side answers from snapshots.
import type { Db } from '../../db/client.ts';
import { isSyntheticDatabase } from '../../db/releases-repo.ts';
import { countBy } from '../../db/stats-repo.ts';
import { monthIndex } from '../../src/months.ts';
import { buildTable, MAX_MONTH_SPAN, type StatsQuery, type StatsTable } from '../../src/stats.ts';
import { ApiError } from '../errors.ts';

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
 * Exact, suppressed counts for signed-in staff, of their own organisation's reports (`orgId`);
 * never served publicly. `where` names where the period came from, for the error message.
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
  return isSyntheticDatabase(db) ? { ...table, synthetic: true } : table;
}
