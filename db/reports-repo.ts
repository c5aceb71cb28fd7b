import { count, desc, eq } from 'drizzle-orm';
import type { ReportSubmission } from '../src/schemas.ts';
import type { Db } from './client.ts';
import {
  reportBoxes,
  reportFollowUps,
  reportPerpetrators,
  reports,
  reportViolence,
} from './schema.ts';

export type StoreOutcome = 'created' | 'repeated' | 'conflict';

/**
 * Stores a report, its multi-valued facts and its boxes in one transaction, so a report is
 * either whole or absent. A repeat of the same id with the same body is a retry ('repeated');
 * the same id with another body is refused ('conflict').
 */
export function storeReport(
  db: Db,
  submission: ReportSubmission,
  boxes: ReadonlyArray<{ recipientId: string; box: Buffer }>,
  bodyHash: string,
  receivedDay: string,
): StoreOutcome {
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ bodyHash: reports.bodyHash })
        .from(reports)
        .where(eq(reports.id, submission.id))
        .get();
      if (existing) return existing.bodyHash === bodyHash ? 'repeated' : 'conflict';
      const f = submission.facts;
      tx.insert(reports)
        .values({
          id: submission.id,
          incidentMonth: f.incidentMonth,
          region: f.region,
          identity: f.identity,
          ageBand: f.ageBand,
          nationality: f.nationality,
          setting: f.setting,
          reportedToAuthority: f.reportedToAuthority,
          channel: f.channel,
          bodyHash,
          receivedDay,
        })
        .run();
      tx.insert(reportPerpetrators)
        .values(f.perpetrators.map((code) => ({ reportId: submission.id, code })))
        .run();
      tx.insert(reportViolence)
        .values(f.violence.map((code) => ({ reportId: submission.id, code })))
        .run();
      tx.insert(reportBoxes)
        .values(
          boxes.map((b) => ({ reportId: submission.id, recipientId: b.recipientId, box: b.box })),
        )
        .run();
      if (submission.followUp) {
        tx.insert(reportFollowUps)
          .values({
            reportId: submission.id,
            lookupHash: submission.followUp.lookupHash,
            replyPublicKey: Buffer.from(submission.followUp.replyPublicKey, 'base64'),
          })
          .run();
      }
      return 'created';
    },
    { behavior: 'immediate' },
  );
}

export type BoxRow = {
  reportId: string;
  receivedDay: string;
  box: Buffer;
};

/** The boxes sealed to one organisation, newest first. */
export function listBoxesFor(db: Db, recipientId: string): BoxRow[] {
  return db
    .select({ reportId: reports.id, receivedDay: reports.receivedDay, box: reportBoxes.box })
    .from(reportBoxes)
    .innerJoin(reports, eq(reports.id, reportBoxes.reportId))
    .where(eq(reportBoxes.recipientId, recipientId))
    .orderBy(desc(reports.receivedDay), desc(reports.id))
    .all();
}

export function countReports(db: Db): number {
  return db.select({ n: count() }).from(reports).get()?.n ?? 0;
}
