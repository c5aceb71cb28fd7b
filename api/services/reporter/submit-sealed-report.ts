// A report that waited on the phone, sealed whole to the transport key: checked for its proof of
// work, opened, checked like a report sent in the clear, then stored by submitReport.
import * as z from 'zod';
import { ProofOfWorkSchema, reportSubmissionSchemaAt } from '../../../src/contract/schemas.ts';
import { CryptoInputError, openJson } from '../../../src/crypto/sodium.ts';
import { checkProofOfWork } from '../../guards/pow-guard.ts';
import { ApiError } from '../../http/errors.ts';
import { type SubmitDeps, type SubmitResult, submitReport } from './submit-report.ts';

// A whole submission sealed to the transport key is at most this large (see REPORT_BODY_LIMIT).
const MAX_ENVELOPE_BASE64 = 700 * 1024;

export const SealedSubmissionSchema = z.strictObject({
  id: z.uuidv4('must be a UUID v4 made by the client'),
  envelope: z.base64('must be standard base64 with padding').max(MAX_ENVELOPE_BASE64),
  pow: ProofOfWorkSchema.optional(),
});
export type SealedSubmission = z.infer<typeof SealedSubmissionSchema>;

export type SealedSubmitDeps = SubmitDeps & {
  transportKey: { publicKey: Uint8Array; secretKey: Uint8Array };
  clock: () => Date;
};

/** The submitter for sealed reports; the report schema is built once, on the app's clock. */
export function sealedReportSubmitter(
  deps: SealedSubmitDeps,
): (body: SealedSubmission) => Promise<SubmitResult> {
  // The incident month is judged against the app's clock, like a report sent in the clear.
  const submission = reportSubmissionSchemaAt(deps.clock);
  return async ({ id, envelope, pow }) => {
    // The proof of work is checked before the envelope is opened and before anything stored
    // is looked at: opening up to 700 KB costs the server, and an answer that depended on a
    // stored id would tell anyone holding a UUID whether that report exists. A retry of a
    // stored report pays with a fresh proof too.
    checkProofOfWork(deps.pow, pow);
    let inner: unknown;
    try {
      inner = openJson(
        deps.sodium,
        Buffer.from(envelope, 'base64'),
        deps.transportKey.publicKey,
        deps.transportKey.secretKey,
      );
    } catch (err) {
      const why = err instanceof CryptoInputError ? err.message : 'cannot be opened';
      throw new ApiError(400, 'envelope_invalid', `The envelope ${why}`, [
        { path: 'body.envelope', message: why },
      ]);
    }
    const parsed = submission.safeParse(inner);
    if (!parsed.success) {
      throw new ApiError(
        400,
        'envelope_invalid',
        'The sealed submission is not a valid report',
        parsed.error.issues.map((i) => ({
          path: ['body', 'envelope', ...i.path].join('.'),
          message: i.message,
        })),
      );
    }
    if (parsed.data.id !== id) {
      throw new ApiError(400, 'envelope_invalid', 'The envelope holds a different report id', [
        { path: 'body.id', message: 'does not match the sealed report' },
      ]);
    }
    return submitReport(
      deps,
      pow ? { ...parsed.data, pow } : parsed.data,
      deps.clock(),
      // A proof checked here is released by submitReport if the database cannot be written.
      { powChecked: true },
    );
  };
}
