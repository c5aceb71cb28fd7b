import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { findFollowUpByLookup } from '../../db/follow-up-repo.ts';
import { listOrganisations } from '../../db/organisations-repo.ts';
import { storeReport } from '../../db/reports-repo.ts';
import { utcDay } from '../../src/months.ts';
import type { ReportSubmission } from '../../src/schemas.ts';
import { ApiError } from '../errors.ts';

export type SubmitResult = { status: 201; body: { id: string; status: 'received' } };

/**
 * Checks what can be checked without opening a box (recipients exist, an advocacy
 * organisation is among them), then stores the report atomically.
 */
export function submitReport(db: Db, submission: ReportSubmission, now: Date): SubmitResult {
  const orgs = new Map(listOrganisations(db).map((o) => [o.id, o]));
  const issues = submission.sealed.flatMap((box, i) =>
    orgs.has(box.recipient)
      ? []
      : [{ path: `body.sealed.${i}.recipient`, message: 'is not a known recipient' }],
  );
  if (issues.length) {
    throw new ApiError(422, 'unknown_recipient', 'A sealed box names an unknown recipient', issues);
  }
  if (!submission.sealed.some((b) => orgs.get(b.recipient)?.role === 'advocacy')) {
    throw new ApiError(
      422,
      'advocacy_recipient_required',
      'At least one box must be sealed to an advocacy organisation',
      [{ path: 'body.sealed', message: 'needs a box for an advocacy organisation' }],
    );
  }
  // Only a retry of this same report may reuse a lookup hash (storeReport tells retries apart).
  const holder = submission.followUp
    ? findFollowUpByLookup(db, submission.followUp.lookupHash)?.reportId
    : undefined;
  if (holder !== undefined && holder !== submission.id) {
    throw new ApiError(409, 'receipt_conflict', 'Make a new receipt code and send again');
  }
  const bodyHash = createHash('sha256').update(JSON.stringify(submission)).digest('hex');
  const boxes = submission.sealed.map((b) => ({
    recipientId: b.recipient,
    box: Buffer.from(b.box, 'base64'),
  }));
  const outcome = storeReport(db, submission, boxes, bodyHash, utcDay(now));
  if (outcome === 'conflict') {
    throw new ApiError(409, 'id_conflict', 'A different report was already sent with this id');
  }
  // A retry of the same report gets the original answer, so the client can stop retrying.
  return { status: 201, body: { id: submission.id, status: 'received' } };
}
