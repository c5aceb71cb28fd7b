// Reads what the server actually stored, straight from SQLite.
import type { DbHandle } from '../../db/client.ts';

// The multi-valued facts (perpetrators, violence) are columns of `reports`.
export const REPORT_TABLES = ['reports', 'report_boxes'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export function rowCounts(handle: DbHandle): Record<ReportTable, number> {
  const out = {} as Record<ReportTable, number>;
  for (const table of REPORT_TABLES) {
    const row = handle.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number };
    out[table] = row.n;
  }
  return out;
}

export const NO_ROWS: Record<ReportTable, number> = { reports: 0, report_boxes: 0 };

export function allTables(handle: DbHandle): string[] {
  const rows = handle.sqlite
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
    .all() as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

export function columnsOf(handle: DbHandle, table: string): string[] {
  const rows = handle.sqlite.prepare(`pragma table_info(${JSON.stringify(table)})`).all() as Array<{
    name: string;
  }>;
  return rows.map((r) => r.name);
}

/** Every stored text value in every table (including drizzle's own bookkeeping). */
export function allTextValues(handle: DbHandle): string[] {
  const out: string[] = [];
  for (const table of allTables(handle)) {
    const rows = handle.sqlite.prepare(`select * from ${JSON.stringify(table)}`).all() as Array<
      Record<string, unknown>
    >;
    for (const row of rows) {
      for (const value of Object.values(row)) if (typeof value === 'string') out.push(value);
    }
  }
  return out;
}

/** Tables about staff, who are not anonymous: they may hold times and e-mail addresses. */
export const STAFF_TABLES: readonly string[] = ['staff', 'staff_sessions', 'audit_log'];
