// Marks a report verified or not, and deletes withdrawn reports. Triage (another part of the
// service) decides; this is the one place that writes the flag. Statistics see the change through
// the report_changes log (migration 0011) and the next public snapshot.
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog, removedReports, reports } from '../schema.ts';

/** Returns false when there is no such report. */
export function setReportVerified(db: Db, reportId: string, verified: boolean): boolean {
  return db.$client
    .transaction(() => {
      const row = db.select().from(reports).where(eq(reports.id, reportId)).get();
      if (!row) return false;
      if (row.verified === verified) return true;
      db.update(reports).set({ verified }).where(eq(reports.id, reportId)).run();
      return true;
    })
    .immediate();
}

/**
 * Deletes a report (its boxes, facts and messages cascade) and remembers idHash, the SHA-256 of
 * its id (removedIdHash in src/crypto/secret-hash.ts), so a phone that sends it again is told it
 * was withdrawn.
 */
export function deleteReportCounted(db: Db, reportId: string, idHash: string): boolean {
  return db.$client
    .transaction(() => {
      const row = db.select({ id: reports.id }).from(reports).where(eq(reports.id, reportId)).get();
      if (!row) return false;
      db.delete(reports).where(eq(reports.id, reportId)).run();
      // Staff actions stay in the audit log, but no longer name a report that is gone: the id
      // is what a seized phone would hold.
      db.update(auditLog).set({ reportId: null }).where(eq(auditLog.reportId, reportId)).run();
      db.insert(removedReports).values({ idHash }).onConflictDoNothing().run();
      return true;
    })
    .immediate();
}
