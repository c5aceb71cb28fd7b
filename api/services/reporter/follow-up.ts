// Follow-up without an account. The token proves possession of the receipt code; a wrong token
// gets the same 404 whether or not any report exists, and nothing is recorded about who asked.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import {
  deleteReport,
  findFollowUpByLookup,
  receivedDayOf,
  recipientStatuses,
  repliesFor,
} from '../../../db/repos/follow-up-repo.ts';
import { insertMessages } from '../../../db/repos/inbox-repo.ts';
import type { AddInfoBody, FollowUpView } from '../../../src/contract/follow-up-schemas.ts';
import { lookupHash } from '../../../src/crypto/receipt.ts';
import { removedIdHash } from '../../../src/crypto/secret-hash.ts';
import type { Sodium } from '../../../src/crypto/sodium.ts';
import { utcDay } from '../../../src/shared/months.ts';
import { ApiError } from '../../http/errors.ts';

const NOT_FOUND = 'No report matches this code. Check the digits and try again.';

// Synchronous, so that what follows a look-up runs before any other request can withdraw the
// report in between.
function reportFor(sodium: Sodium, db: Db, token: string): { reportId: string } {
  const hash = lookupHash(sodium, new Uint8Array(Buffer.from(token, 'base64')));
  const row = findFollowUpByLookup(db, hash);
  if (!row) throw new ApiError(404, 'not_found', NOT_FOUND);
  return { reportId: row.reportId };
}

export function lookUp(sodium: Sodium, db: Db, token: string): FollowUpView {
  const { reportId } = reportFor(sodium, db, token);
  const receivedDay = receivedDayOf(db, reportId);
  if (!receivedDay) throw new ApiError(404, 'not_found', NOT_FOUND);
  return {
    id: reportId,
    receivedDay,
    organisations: recipientStatuses(db, reportId).map((o) => ({
      id: o.orgId,
      name: o.name,
      role: o.role,
      status: o.status,
      caseStatus: o.caseStatus,
    })),
    replies: repliesFor(db, reportId).map((r) => ({
      id: r.id,
      orgId: r.orgId,
      day: r.day,
      box: r.box.toString('base64'),
    })),
  };
}

export function addInformation(sodium: Sodium, db: Db, body: AddInfoBody, now: Date): void {
  const { reportId } = reportFor(sodium, db, body.token);
  const recipients = new Set(recipientStatuses(db, reportId).map((o) => o.orgId));
  const stray = body.sealed.findIndex((b) => !recipients.has(b.recipient));
  if (stray >= 0) {
    throw new ApiError(
      422,
      'unknown_recipient',
      'Information can go only to organisations that have the report',
      [{ path: `body.sealed.${stray}.recipient`, message: 'did not receive this report' }],
    );
  }
  insertMessages(
    db,
    body.sealed.map((b) => ({
      id: randomUUID(),
      reportId,
      orgId: b.recipient,
      kind: 'addition' as const,
      box: Buffer.from(b.box, 'base64'),
      day: utcDay(now),
    })),
  );
}

export function withdraw(sodium: Sodium, db: Db, token: string): void {
  const { reportId } = reportFor(sodium, db, token);
  deleteReport(db, reportId, removedIdHash(sodium, reportId));
}
