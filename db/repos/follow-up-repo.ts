// Follow-up keys: the hash of the reporter's lookup token and their reply public key.
import { and, eq, inArray } from 'drizzle-orm';
import type { CaseStatus, TriageStatus } from '../../src/shared/case-status.ts';
import type { Db } from '../client.ts';
import { organisations, reportBoxes, reportFollowUps, reportMessages, reports } from '../schema.ts';
import { deleteReportCounted } from './verification-repo.ts';

export function findFollowUpByLookup(
  db: Db,
  lookupHash: string,
): typeof reportFollowUps.$inferSelect | undefined {
  return db.select().from(reportFollowUps).where(eq(reportFollowUps.lookupHash, lookupHash)).get();
}

export function replyKeysFor(db: Db, reportIds: readonly string[]): Map<string, Buffer> {
  if (!reportIds.length) return new Map();
  const rows = db
    .select()
    .from(reportFollowUps)
    .where(inArray(reportFollowUps.reportId, [...reportIds]))
    .all();
  return new Map(rows.map((r) => [r.reportId, r.replyPublicKey]));
}

/** Each recipient organisation's statuses for one report, for the reporter's follow-up page. */
export function recipientStatuses(
  db: Db,
  reportId: string,
): Array<{
  orgId: string;
  name: string;
  role: 'advocacy' | 'legal_aid';
  status: TriageStatus;
  caseStatus: CaseStatus;
}> {
  return db
    .select({
      orgId: organisations.id,
      name: organisations.name,
      role: organisations.role,
      status: reportBoxes.status,
      caseStatus: reportBoxes.caseStatus,
    })
    .from(reportBoxes)
    .innerJoin(organisations, eq(organisations.id, reportBoxes.recipientId))
    .where(eq(reportBoxes.reportId, reportId))
    .orderBy(organisations.id)
    .all();
}

/** Replies sealed to the reporter, oldest first. */
export function repliesFor(
  db: Db,
  reportId: string,
): Array<{ id: string; orgId: string; day: string; box: Buffer }> {
  return (
    db
      .select({
        id: reportMessages.id,
        orgId: reportMessages.orgId,
        day: reportMessages.day,
        box: reportMessages.box,
      })
      .from(reportMessages)
      .where(and(eq(reportMessages.reportId, reportId), eq(reportMessages.kind, 'reply')))
      // Within a day in no meaningful order (migration 0014).
      .orderBy(reportMessages.day, reportMessages.id)
      .all()
  );
}

/** Withdrawal: the report, its facts, boxes, messages and follow-up keys all go (cascade). */
export function deleteReport(db: Db, reportId: string, idHash: string): void {
  deleteReportCounted(db, reportId, idHash);
}

export function receivedDayOf(db: Db, reportId: string): string | undefined {
  return db.select({ day: reports.receivedDay }).from(reports).where(eq(reports.id, reportId)).get()
    ?.day;
}
