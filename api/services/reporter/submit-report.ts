import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import type { CommitQueue } from '../../../db/commit-queue.ts';
import { recipientRoles } from '../../../db/repos/organisations-repo.ts';
import {
  findFollowUpHolder,
  findReportHash,
  insertReport,
  wasRemoved,
} from '../../../db/repos/reports-repo.ts';
import type { ReportSubmission } from '../../../src/contract/schemas.ts';
import { removedIdHash } from '../../../src/crypto/secret-hash.ts';
import type { Sodium } from '../../../src/crypto/sodium.ts';
import { utcDay } from '../../../src/shared/months.ts';
import { checkProofOfWork, type PowGuard } from '../../guards/pow-guard.ts';
import { ApiError, isStorageUnavailable } from '../../http/errors.ts';

export type SubmitResult = { status: 201; body: { id: string; status: 'received' } };

/**
 * The report's identity for retries: everything but the proof of work and the honeypot, so a
 * retry that had to solve a fresh challenge is still recognised as the same report.
 */
export function reportBodyHash(submission: ReportSubmission): string {
  const { id, facts, sealed, followUp } = submission;
  // The SHA-256 of JSON.stringify({ id, facts, sealed, followUp }), without building that
  // string: the boxes, most of the body, are base64 (validated), which JSON writes unchanged, so
  // they are hashed as they are. Half the time; a property test holds it to the definition.
  const hash = createHash('sha256');
  hash.update(`{"id":${JSON.stringify(id)},"facts":${JSON.stringify(facts)},"sealed":[`);
  sealed.forEach((b, i) => {
    hash.update(`${i ? ',' : ''}{"recipient":${JSON.stringify(b.recipient)},"box":"`);
    hash.update(b.box);
    hash.update('"}');
  });
  hash.update(followUp === undefined ? ']}' : `],"followUp":${JSON.stringify(followUp)}}`);
  return hash.digest('hex');
}

function checkRecipients(db: Db, submission: ReportSubmission): void {
  const roles = recipientRoles(
    db,
    submission.sealed.map((b) => b.recipient),
  );
  const issues = submission.sealed.flatMap((box, i) =>
    roles.has(box.recipient)
      ? []
      : [{ path: `body.sealed.${i}.recipient`, message: 'is not a known recipient' }],
  );
  if (issues.length) {
    throw new ApiError(422, 'unknown_recipient', 'A sealed box names an unknown recipient', issues);
  }
  if (![...roles.values()].includes('advocacy')) {
    throw new ApiError(
      422,
      'advocacy_recipient_required',
      'At least one box must be sealed to an advocacy organisation',
      [{ path: 'body.sealed', message: 'needs a box for an advocacy organisation' }],
    );
  }
}

const RECEIVED = (id: string): SubmitResult => ({ status: 201, body: { id, status: 'received' } });

export type SubmitDeps = { db: Db; pow: PowGuard; queue: CommitQueue; sodium: Sodium };

/**
 * Checks what can be checked without opening a box, then stores the report atomically. The
 * 201 is sent only after the (group) transaction holding it has committed. A failed check
 * inside the batch refuses only this report, and a failed write is undone alone (CommitQueue).
 */
export async function submitReport(
  { db, pow, queue, sodium }: SubmitDeps,
  submission: ReportSubmission,
  now: Date,
  /** powChecked: the caller has already verified (and spent) this request's proof of work. */
  { powChecked = false }: { powChecked?: boolean } = {},
): Promise<SubmitResult> {
  // The proof of work comes before anything that depends on what is stored: otherwise a known
  // id (409, 410) and an unknown one (400 pow_required) would tell anyone holding a UUID
  // whether that report exists, and a filled honeypot would answer 201 where a real report
  // without proof gets 400, which marks the honeypot. So a retry of a stored report, too, pays
  // with a fresh proof (the form solves one when told pow_reused).
  if (!powChecked) checkProofOfWork(pow, submission.pow);
  // A filled honeypot is a bot: it gets the answer it expects, and nothing is stored.
  if (submission.referrer) return RECEIVED(submission.id);
  const bodyHash = reportBodyHash(submission);
  const boxes = submission.sealed.map((b) => ({
    recipientId: b.recipient,
    box: Buffer.from(b.box, 'base64'),
  }));
  const request = { submission, boxes, bodyHash, receivedDay: utcDay(now) };
  const idHash = removedIdHash(sodium, submission.id);
  // Every check that reads the database runs inside the group transaction, just before the
  // insert: one read transaction per batch instead of several per request.
  let existing: string | undefined;
  const outcome = await queue
    .run({
      check: () => {
        // A retry of a stored report gets the original answer.
        existing = findReportHash(db, submission.id);
        if (existing !== undefined) return;
        // A phone that never heard the answer may send a report again after it was withdrawn.
        if (wasRemoved(db, idHash)) {
          throw new ApiError(
            410,
            'withdrawn',
            'This report was withdrawn or deleted, so it is not stored again',
          );
        }
        checkRecipients(db, submission);
        // Only a retry of this same report may reuse a lookup hash (a retry was answered above).
        if (submission.followUp && findFollowUpHolder(db, submission.followUp.lookupHash)) {
          throw new ApiError(409, 'receipt_conflict', 'Make a new receipt code and send again');
        }
      },
      write: () => {
        if (existing !== undefined) return existing === bodyHash ? 'repeated' : 'conflict';
        // check() ran in this same transaction and found no report with this id.
        return insertReport(db, request, { knownNew: true });
      },
    })
    .catch((err: unknown) => {
      // The database could not be written: nothing was stored, so the proof this request paid
      // with (here, or before opening the envelope: powChecked) stays good for its retry, which
      // would otherwise be refused as a reused proof.
      if (submission.pow && isStorageUnavailable(err)) {
        pow.release(submission.pow.challenge);
      }
      throw err;
    });
  if (outcome === 'conflict') {
    throw new ApiError(409, 'id_conflict', 'A different report was already sent with this id');
  }
  return RECEIVED(submission.id);
}
