// Marks a report verified or not. Triage (another part of the service) decides; this is the one
// place that writes the flag, and it moves the report in or out of the verified counters in
// the same transaction, so `verified=true` statistics always match the flags.
import { eq } from 'drizzle-orm';
import type { GbvType } from '../src/gbvims.ts';
import type { Facts } from '../src/schemas.ts';
import { countedFacts } from '../src/stats-counters.ts';
import type { Db } from './client.ts';
import { reportPerpetrators, reports, reportViolence } from './schema.ts';
import { applyToCounters } from './stats-counters-write.ts';

/** Returns false when there is no such report. */
export function setReportVerified(db: Db, reportId: string, verified: boolean): boolean {
  return db.transaction(
    (tx) => {
      const row = tx.select().from(reports).where(eq(reports.id, reportId)).get();
      if (!row) return false;
      if (row.verified === verified) return true;
      tx.update(reports).set({ verified }).where(eq(reports.id, reportId)).run();
      const codes = (table: typeof reportPerpetrators | typeof reportViolence): string[] =>
        tx
          .select({ code: table.code })
          .from(table)
          .where(eq(table.reportId, reportId))
          .all()
          .map((r) => r.code);
      const facts = {
        ...row,
        perpetrators: codes(reportPerpetrators),
        violence: codes(reportViolence),
      } as unknown as Omit<Facts, 'incidentMonth'>;
      applyToCounters(
        db.$client,
        countedFacts(facts, row.gbvType as GbvType),
        row.incidentMonth,
        1,
        verified ? 1 : -1,
      );
      return true;
    },
    { behavior: 'immediate' },
  );
}
