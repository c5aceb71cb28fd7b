// Sending a sealed report, on the page (the sealing itself may run in a worker): tries, waits
// and deadlines run on the page's clock. Nothing here touches libsodium or storage.
import { isFinalReportRefusal } from '../../../../src/contract/error-codes.ts';
import type { ReportReceipt, ReportSubmission } from '../../../../src/contract/schemas.ts';
import { ApiFailure, api, checkedBy, type ReplyCheck } from '../../lib/api-client.ts';
import { isString, literal, object } from '../../lib/reply-guards.ts';

export type Proof = NonNullable<ReportSubmission['pow']>;

/** Where proofs of work come from: the sealer (seal.ts), in its worker or on the page. */
export type Proofs = {
  /** The proof solved in advance, or a fresh one. */
  takeProof: () => Promise<Proof | null>;
  /** A fresh proof, after the server refused one. */
  proveWork: () => Promise<Proof | null>;
};

// A request on a weak connection can stall without failing; after this long it is given up
// (and, for a report, tried again with the same id, so nothing is stored twice).
const REQUEST_TIMEOUT_MS = 60_000;

export function deadline(ms = REQUEST_TIMEOUT_MS): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

// A refusal that sending the same envelope again can never cure is kept aside (the list is the
// server's, in the contract). Anything else (a proxy's or a firewall's error page, a 404 during
// maintenance, a proof of work refused twice) keeps the report on the phone for a later try.

/** What the answer to a posted report means, the same for a direct send and a waiting one. */
type Answer = 'stored' | 'retry' | 'new_proof' | 'withdrawn' | 'refused';

/**
 * The receipt of a stored report (ReportReceiptSchema), checked by hand: zod would more than
 * double the form's first screen. Anything else, even a 2xx (a captive portal's page), means the
 * report may not be stored, and it is tried again with the same id.
 */
export const RECEIPT: ReplyCheck<ReportReceipt> = checkedBy(
  object({ id: isString, status: literal('received') }),
);

function refusal(err: ApiFailure): Answer {
  if (err.status >= 500 || err.status === 429) return 'retry';
  if (err.code.startsWith('pow_')) return 'new_proof';
  if (err.code === 'withdrawn') return 'withdrawn';
  return isFinalReportRefusal(err.code) ? 'refused' : 'retry';
}

/**
 * Posts a report with its proof of work (if any): JSON, no cookies, nothing cached. A failed
 * connection or an unexpected reply throws.
 */
async function post(
  url: string,
  body: object,
  pow: Proof | null,
  signal: AbortSignal,
): Promise<Answer> {
  try {
    await api(url, RECEIPT, {
      method: 'POST',
      body: pow ? { ...body, pow } : body,
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
    return 'stored';
  } catch (err) {
    if (err instanceof ApiFailure) return refusal(err);
    throw err;
  }
}

/**
 * Sends one waiting report. 'kept' means try again later; 'dropped' means it can never go;
 * 'withdrawn' means the person withdrew it after it had arrived (the phone never heard).
 */
export async function sendWaiting(
  proofs: Proofs,
  item: {
    id: string;
    envelope: string;
  },
): Promise<'sent' | 'kept' | 'dropped' | 'withdrawn'> {
  try {
    let pow = await proofs.proveWork();
    for (let fresh = 1; ; fresh--) {
      const answer = await post('/api/reports/sealed', item, pow, deadline());
      if (answer === 'new_proof' && fresh > 0) {
        pow = await proofs.proveWork();
        continue;
      }
      if (answer === 'stored') return 'sent';
      if (answer === 'withdrawn') return 'withdrawn';
      return answer === 'refused' ? 'dropped' : 'kept';
    }
  } catch {
    return 'kept';
  }
}

export type SendOutcome = { kind: 'received' } | { kind: 'rejected' } | { kind: 'offline' };

const RETRY_DELAYS_MS = [1000, 3000, 6000];
// How long the person waits on "Protegiendo y enviando…" at most, all tries together, before
// the report is kept on the phone to be sent later.
const SEND_BUDGET_MS = 90_000;
// A try is never given less than this, even late in the budget.
const MIN_TRY_MS = 5_000;

/**
 * Posts the report. Network failures are retried with the same id and body, so the report is
 * stored at most once; a refused proof of work is solved afresh once.
 */
export async function send(
  proofs: Proofs,
  submission: ReportSubmission,
  onRetry: () => void,
): Promise<SendOutcome> {
  const started = Date.now();
  const left = (): number => SEND_BUDGET_MS - (Date.now() - started);
  let pow = await proofs.takeProof().catch(() => null);
  let freshProofs = 1;
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await post(
        '/api/reports',
        submission,
        pow,
        deadline(Math.min(REQUEST_TIMEOUT_MS, Math.max(MIN_TRY_MS, left()))),
      );
      if (answer === 'stored') return { kind: 'received' };
      if (answer === 'new_proof' && freshProofs-- > 0) {
        pow = await proofs.proveWork();
        continue;
      }
      if (answer === 'refused' || answer === 'withdrawn') return { kind: 'rejected' };
      // Not a refusal by the service (a busy server, a proxy's or a portal's page): like a
      // failed connection, tried again with the same id and then kept on the phone.
      throw new Error(`answer ${answer}`);
    } catch {
      // With no connection at all, waiting helps no one: the report goes to the outbox now.
      if (!navigator.onLine) return { kind: 'offline' };
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || delay + MIN_TRY_MS > left()) return { kind: 'offline' };
      onRetry();
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
