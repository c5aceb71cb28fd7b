// Marks a report verified or not. Triage (another part of the service) decides; this is the one
// place that writes the flag, so anything derived from it stays in step.
import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { reports } from './schema.ts';

/** Returns false when there is no such report. */
export function setReportVerified(db: Db, reportId: string, verified: boolean): boolean {
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ verified: reports.verified })
        .from(reports)
        .where(eq(reports.id, reportId))
        .get();
      if (!row) return false;
      if (row.verified === verified) return true;
      tx.update(reports).set({ verified }).where(eq(reports.id, reportId)).run();
      return true;
    },
    { behavior: 'immediate' },
  );
}
