// An organisation's view of the reports sealed to it. Every query is scoped by the
// organisation's id, so one organisation's boxes never come back for another.
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { CaseStatus, TriageStatus } from '../../src/shared/case-status.ts';
import type { MessageKind } from '../../src/shared/message-kinds.ts';
import type { Db } from '../client.ts';
import { reportBoxes, reportMessages, reports } from '../schema.ts';
import { setReportVerified } from './verification-repo.ts';

export type { MessageKind };
export type InboxFilters = {
  status?: TriageStatus;
  region?: string;
  perpetrator?: string;
  legalAidQueue?: boolean;
};

export type InboxRow = {
  reportId: string;
  receivedDay: string;
  status: TriageStatus;
  caseStatus: CaseStatus;
  box: Buffer;
};

const INBOX_COLUMNS = {
  reportId: reports.id,
  receivedDay: reports.receivedDay,
  status: reportBoxes.status,
  caseStatus: reportBoxes.caseStatus,
  box: reportBoxes.box,
};

export function listInbox(db: Db, orgId: string, filters: InboxFilters = {}): InboxRow[] {
  const where: SQL[] = [eq(reportBoxes.recipientId, orgId)];
  if (filters.status) where.push(eq(reportBoxes.status, filters.status));
  if (filters.region) where.push(eq(reports.region, filters.region));
  if (filters.perpetrator) {
    where.push(
      sql`exists (select 1 from json_each(${reports.perpetrators}) where value = ${filters.perpetrator})`,
    );
  }
  return db
    .select(INBOX_COLUMNS)
    .from(reportBoxes)
    .innerJoin(reports, eq(reports.id, reportBoxes.reportId))
    .where(and(...where))
    .orderBy(desc(reports.receivedDay), desc(reports.id))
    .all();
}

export function findInboxItem(db: Db, orgId: string, reportId: string): InboxRow | undefined {
  return db
    .select(INBOX_COLUMNS)
    .from(reportBoxes)
    .innerJoin(reports, eq(reports.id, reportBoxes.reportId))
    .where(and(eq(reportBoxes.recipientId, orgId), eq(reports.id, reportId)))
    .get();
}

export function setTriageStatus(
  db: Db,
  orgId: string,
  reportId: string,
  status: TriageStatus,
): void {
  db.transaction(() => {
    db.update(reportBoxes)
      .set({ status })
      .where(and(eq(reportBoxes.recipientId, orgId), eq(reportBoxes.reportId, reportId)))
      .run();
    // Verified by any recipient counts as verified for the statistics; it is not undone later.
    // Only setReportVerified writes the flag, so the verified counters move with it.
    if (status === 'verified') setReportVerified(db, reportId, true);
  });
}

export function setCaseStatus(
  db: Db,
  orgId: string,
  reportId: string,
  caseStatus: CaseStatus,
): void {
  db.update(reportBoxes)
    .set({ caseStatus })
    .where(and(eq(reportBoxes.recipientId, orgId), eq(reportBoxes.reportId, reportId)))
    .run();
}

export type MessageRow = {
  id: string;
  reportId: string;
  kind: MessageKind;
  box: Buffer;
  day: string;
};

export function insertMessages(db: Db, rows: ReadonlyArray<MessageRow & { orgId: string }>): void {
  if (rows.length)
    db.insert(reportMessages)
      .values([...rows])
      .run();
}

/** Messages of the given kinds that one organisation may receive, for the given reports. */
export function listMessages(
  db: Db,
  orgId: string,
  reportIds: readonly string[],
  kinds: readonly MessageKind[],
): MessageRow[] {
  if (!reportIds.length) return [];
  return (
    db
      .select({
        id: reportMessages.id,
        reportId: reportMessages.reportId,
        kind: reportMessages.kind,
        box: reportMessages.box,
        day: reportMessages.day,
      })
      .from(reportMessages)
      .where(
        and(
          eq(reportMessages.orgId, orgId),
          inArray(reportMessages.reportId, [...reportIds]),
          inArray(reportMessages.kind, [...kinds]),
        ),
      )
      // Within a day in no meaningful order: the rows keep none (migration 0014), so that a
      // reporter's addition cannot be placed between staff notes.
      .orderBy(reportMessages.day, reportMessages.id)
      .all()
  );
}
