// What a signed-in member may see and do with their organisation's reports. Every lookup is
// scoped to the member's organisation; a report sealed only to others is simply "not found".
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../db/repos/audit-repo.ts';
import {
  findInboxItem,
  type InboxFilters,
  type InboxRow,
  insertMessages,
  listInbox,
  listMessages,
  setCaseStatus,
  setTriageStatus,
} from '../../../db/repos/inbox-repo.ts';
import { matchesFor } from '../../../db/repos/match-repo.ts';
import type { Staff } from '../../../db/repos/staff-repo.ts';
import type { InboxItem } from '../../../src/contract/inbox-schemas.ts';
import {
  type CaseStatus,
  caseMoves,
  type TriageStatus,
  triageMoves,
} from '../../../src/shared/case-status.ts';
import { utcDay } from '../../../src/shared/months.ts';
import { ApiError } from '../../http/errors.ts';

const ORG_READABLE = ['note', 'reply_copy', 'addition'] as const;
const NO_MATCHES = { kinds: [], here: [], elsewhere: 0 };

export type ReplyKeys = (reportIds: readonly string[]) => Map<string, Buffer>;

function present(db: Db, orgId: string, rows: InboxRow[], replyKeys: ReplyKeys): InboxItem[] {
  const ids = rows.map((r) => r.reportId);
  const messages = listMessages(db, orgId, ids, ORG_READABLE);
  const keys = replyKeys(ids);
  const matches = matchesFor(db, orgId, ids);
  return rows.map((r) => ({
    id: r.reportId,
    receivedDay: r.receivedDay,
    status: r.status,
    caseStatus: r.caseStatus,
    box: r.box.toString('base64'),
    replyPublicKey: keys.get(r.reportId)?.toString('base64') ?? null,
    messages: messages
      .filter((m) => m.reportId === r.reportId)
      .map((m) => ({ id: m.id, kind: m.kind, day: m.day, box: m.box.toString('base64') })),
    matches: matches.get(r.reportId) ?? NO_MATCHES,
  }));
}

export function inboxFor(
  db: Db,
  member: Staff,
  filters: InboxFilters,
  replyKeys: ReplyKeys,
  now: Date,
): InboxItem[] {
  recordAudit(db, {
    orgId: member.orgId,
    staffId: member.id,
    action: 'reports_listed',
    at: now.getTime(),
  });
  return present(db, member.orgId, listInbox(db, member.orgId, filters), replyKeys);
}

function itemOrNotFound(db: Db, member: Staff, reportId: string): InboxRow {
  const row = findInboxItem(db, member.orgId, reportId);
  if (!row) throw new ApiError(404, 'not_found', 'No such report in your organisation’s inbox');
  return row;
}

export function openReport(
  db: Db,
  member: Staff,
  reportId: string,
  replyKeys: ReplyKeys,
  now: Date,
): InboxItem {
  const row = itemOrNotFound(db, member, reportId);
  recordAudit(db, {
    orgId: member.orgId,
    staffId: member.id,
    action: 'report_opened',
    reportId,
    at: now.getTime(),
  });
  const [item] = present(db, member.orgId, [row], replyKeys);
  if (!item) throw new Error('report vanished while it was read');
  return item;
}

export function changeStatus(
  db: Db,
  member: Staff,
  reportId: string,
  to: TriageStatus,
  now: Date,
): void {
  const row = itemOrNotFound(db, member, reportId);
  if (!triageMoves(row.status).includes(to)) {
    throw new ApiError(409, 'invalid_transition', `A report cannot go from ${row.status} to ${to}`);
  }
  setTriageStatus(db, member.orgId, reportId, to);
  recordAudit(db, {
    orgId: member.orgId,
    staffId: member.id,
    action: 'status_changed',
    reportId,
    at: now.getTime(),
  });
}

export function changeCaseStatus(
  db: Db,
  member: Staff,
  orgRole: string,
  reportId: string,
  to: CaseStatus,
  now: Date,
): void {
  if (orgRole !== 'legal_aid') {
    throw new ApiError(403, 'not_legal_aid', 'Only legal-aid organisations keep case statuses');
  }
  const row = itemOrNotFound(db, member, reportId);
  if (!caseMoves(row.caseStatus).includes(to)) {
    throw new ApiError(
      409,
      'invalid_transition',
      `A case cannot go from ${row.caseStatus} to ${to}`,
    );
  }
  setCaseStatus(db, member.orgId, reportId, to);
  recordAudit(db, {
    orgId: member.orgId,
    staffId: member.id,
    action: 'case_status_changed',
    reportId,
    at: now.getTime(),
  });
}

export function addNote(db: Db, member: Staff, reportId: string, box: string, now: Date): string {
  itemOrNotFound(db, member, reportId);
  const id = randomUUID();
  insertMessages(db, [
    {
      id,
      reportId,
      orgId: member.orgId,
      kind: 'note',
      box: Buffer.from(box, 'base64'),
      day: utcDay(now),
    },
  ]);
  recordAudit(db, {
    orgId: member.orgId,
    staffId: member.id,
    action: 'note_added',
    reportId,
    at: now.getTime(),
  });
  return id;
}

export function addReply(
  db: Db,
  member: Staff,
  reportId: string,
  boxes: { box: string; copy: string },
  hasReplyKey: boolean,
  now: Date,
): string {
  itemOrNotFound(db, member, reportId);
  if (!hasReplyKey) {
    throw new ApiError(
      409,
      'no_follow_up',
      'The person kept no receipt code, so no reply can reach them',
    );
  }
  const id = randomUUID();
  const day = utcDay(now);
  insertMessages(db, [
    {
      id,
      reportId,
      orgId: member.orgId,
      kind: 'reply',
      box: Buffer.from(boxes.box, 'base64'),
      day,
    },
    {
      id: randomUUID(),
      reportId,
      orgId: member.orgId,
      kind: 'reply_copy',
      box: Buffer.from(boxes.copy, 'base64'),
      day,
    },
  ]);
  recordAudit(db, {
    orgId: member.orgId,
    staffId: member.id,
    action: 'reply_sent',
    reportId,
    at: now.getTime(),
  });
  return id;
}

/** A printed intake sheet is an export: the audit log records it. */
export function recordIntakePrinted(db: Db, member: Staff, reportId: string, now: Date): void {
  itemOrNotFound(db, member, reportId);
  recordAudit(db, {
    orgId: member.orgId,
    staffId: member.id,
    action: 'intake_printed',
    reportId,
    at: now.getTime(),
  });
}
