// Marks a report verified or not. Triage (another part of the service) decides; this is the one
// place that writes the flag, and it moves the report in or out of the verified counters in
// the same transaction, so `verified=true` statistics always match the flags.
import { eq } from 'drizzle-orm';
import type { GbvType } from '../src/gbvims.ts';
import type { Facts } from '../src/schemas.ts';
import { countedFacts } from '../src/stats-counters.ts';
import type { Db } from './client.ts';
import { removedIdHash } from './reports-repo.ts';
import { removedReports, reports } from './schema.ts';
import { applyToCounters, catchUpCounters } from './stats-counters-write.ts';

type ReportRow = typeof reports.$inferSelect;

/** The counted facts of a stored report, read back from its row. */
function storedFacts(row: ReportRow) {
  return countedFacts(row as unknown as Omit<Facts, 'incidentMonth'>, row.gbvType as GbvType);
}

/** Returns false when there is no such report. */
export function setReportVerified(db: Db, reportId: string, verified: boolean): boolean {
  return db.$client
    .transaction(() => {
      // Count every pending report first, so the change below applies to counted rows only.
      catchUpCounters(db.$client);
      const row = db.select().from(reports).where(eq(reports.id, reportId)).get();
      if (!row) return false;
      if (row.verified === verified) return true;
      db.update(reports).set({ verified }).where(eq(reports.id, reportId)).run();
      applyToCounters(db.$client, storedFacts(row), row.incidentMonth, 1, verified ? 1 : -1);
      return true;
    })
    .immediate();
}

/**
 * Deletes a report (its boxes, facts and messages cascade) and takes it out of every counter
 * in the same transaction, so a withdrawn report leaves the statistics at once.
 */
export function deleteReportCounted(db: Db, reportId: string): boolean {
  return db.$client
    .transaction(() => {
      catchUpCounters(db.$client);
      const row = db.select().from(reports).where(eq(reports.id, reportId)).get();
      if (!row) return false;
      const facts = storedFacts(row);
      applyToCounters(db.$client, facts, row.incidentMonth, 0, -1);
      if (row.verified) applyToCounters(db.$client, facts, row.incidentMonth, 1, -1);
      db.delete(reports).where(eq(reports.id, reportId)).run();
      db.insert(removedReports)
        .values({ idHash: removedIdHash(reportId) })
        .onConflictDoNothing()
        .run();
      return true;
    })
    .immediate();
}
