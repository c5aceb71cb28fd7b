// Loaded after first paint: libsodium, proof of work, sealing and sending. Nothing here
// writes to storage.
import {
  fromBase64,
  loadSodium,
  type Sodium,
  sealDocument,
  sealJson,
  toBase64,
} from '../../../src/crypto.ts';
import { documentsFor, type ReportDraft, SealedDocumentSchema } from '../../../src/envelope.ts';
import { solve } from '../../../src/pow.ts';
import {
  deriveFollowUpKeys,
  formatReceiptCode,
  lookupHash,
  newReceiptCode,
} from '../../../src/receipt.ts';
import type { Recipient, ReportSubmission } from '../../../src/schemas.ts';

type Proof = NonNullable<ReportSubmission['pow']>;

const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

// A request on a weak connection can stall without failing; after this long it is given up
// (and, for a report, tried again with the same id, so nothing is stored twice).
const REQUEST_TIMEOUT_MS = 60_000;

function deadline(ms = REQUEST_TIMEOUT_MS): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'omit', cache: 'no-store', signal: deadline() });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** Asks for a challenge and solves it in small slices, so typing never stutters. */
export async function proveWork(): Promise<Proof | null> {
  const sodium = await loadSodium();
  const c = await fetchJson<{ challenge: string; difficulty: number }>('/api/pow');
  if (c.difficulty === 0) return null;
  return {
    challenge: c.challenge,
    nonce: await solve(sodium, c.challenge, c.difficulty, yieldToPage),
  };
}

let proof: Promise<Proof | null> | null = null;

let transportKey: Promise<string> | null = null;

/** Starts the background work: libsodium, the recipients' keys and a proof of work. */
export async function prepare(): Promise<Recipient[]> {
  await loadSodium();
  proof ??= proveWork();
  proof.catch(() => {
    proof = null;
  });
  transportKey ??= fetchJson<{ publicKey: string }>('/api/transport-key').then((k) => k.publicKey);
  transportKey.catch(() => {
    transportKey = null;
  });
  return (await fetchJson<{ recipients: Recipient[] }>('/api/recipients')).recipients;
}

/** Seals the whole submission (facts included) to the transport key, for the outbox. */
export async function sealForLater(
  submission: ReportSubmission,
): Promise<{ id: string; envelope: string }> {
  const sodium = await loadSodium();
  transportKey ??= fetchJson<{ publicKey: string }>('/api/transport-key').then((k) => k.publicKey);
  const key = fromBase64(sodium, await transportKey);
  const { id, facts, sealed, followUp } = submission;
  return {
    id,
    envelope: toBase64(sodium, sealJson(sodium, { id, facts, sealed, followUp }, key, 720 * 1024)),
  };
}

// Refusals that sending the same envelope again can never cure. Anything else (a proxy's or a
// firewall's error page, a 404 during maintenance, a proof of work refused twice) keeps the
// report on the phone for a later try.
const PERMANENT_REFUSALS = new Set([
  'envelope_invalid',
  'invalid_request',
  'invalid_json',
  'payload_too_large',
  'unknown_recipient',
  'advocacy_recipient_required',
  'id_conflict',
  'receipt_conflict',
  'withdrawn',
]);

/** What the answer to a posted report means, the same for a direct send and a waiting one. */
type Answer = 'stored' | 'retry' | 'new_proof' | 'withdrawn' | 'refused';

async function readAnswer(res: Response): Promise<Answer> {
  if (res.status === 201) return 'stored';
  if (res.status >= 500 || res.status === 429) return 'retry';
  const err = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  const code = err?.error?.code ?? '';
  if (code.startsWith('pow_')) return 'new_proof';
  if (code === 'withdrawn') return 'withdrawn';
  return PERMANENT_REFUSALS.has(code) ? 'refused' : 'retry';
}

/**
 * Sends one waiting report. 'kept' means try again later; 'dropped' means it can never go;
 * 'withdrawn' means the person withdrew it after it had arrived (the phone never heard).
 */
export async function sendWaiting(item: {
  id: string;
  envelope: string;
}): Promise<'sent' | 'kept' | 'dropped' | 'withdrawn'> {
  try {
    let pow = await proveWork();
    for (let fresh = 1; ; fresh--) {
      const res = await fetch('/api/reports/sealed', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(pow ? { ...item, pow } : item),
        credentials: 'omit',
        cache: 'no-store',
        signal: deadline(),
      });
      const answer = await readAnswer(res);
      if (answer === 'new_proof' && fresh > 0) {
        pow = await proveWork();
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

/**
 * A receipt code and what the report carries instead of it. The code stays in this page's
 * memory. Argon2id needs 64 MiB; if a small phone cannot spare it, the report is still sent,
 * only without a way to follow it up (null).
 */
function makeReceipt(
  sodium: Sodium,
): { code: string; followUp: NonNullable<ReportSubmission['followUp']> } | null {
  try {
    const code = newReceiptCode(sodium);
    const keys = deriveFollowUpKeys(sodium, code);
    const followUp = {
      lookupHash: lookupHash(sodium, keys.lookupToken),
      replyPublicKey: toBase64(sodium, keys.replyPublicKey),
    };
    sodium.memzero(keys.lookupToken);
    sodium.memzero(keys.replySecretKey);
    return { code, followUp };
  } catch {
    return null;
  }
}

/**
 * Seals one box per advocacy organisation (never with contact details) and, only when legal
 * aid was asked for, one per legal-aid organisation (the only boxes with contact details).
 */
export async function buildSubmission(
  draft: ReportDraft,
  recipients: Recipient[],
): Promise<{ submission: ReportSubmission; receiptCode: string | null }> {
  const sodium = await loadSodium();
  const receipt = makeReceipt(sodium);
  const docs = documentsFor(draft);
  const sealed: ReportSubmission['sealed'] = [];
  for (const r of recipients) {
    const doc = r.role === 'advocacy' ? docs.advocacy : docs.legalAid;
    if (!doc) continue;
    // Refuse to seal anything the recipient could not read back.
    const checked = SealedDocumentSchema.parse(doc);
    const box = sealDocument(sodium, checked, fromBase64(sodium, r.publicKey));
    sealed.push({ recipient: r.id, box: toBase64(sodium, box) });
  }
  return {
    submission: {
      id: draft.reportId,
      facts: draft.facts,
      sealed,
      ...(receipt ? { followUp: receipt.followUp } : {}),
    },
    receiptCode: receipt ? formatReceiptCode(receipt.code) : null,
  };
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
  submission: ReportSubmission,
  onRetry: () => void,
): Promise<SendOutcome> {
  const started = Date.now();
  const left = (): number => SEND_BUDGET_MS - (Date.now() - started);
  let pow = await (proof ?? proveWork()).catch(() => null);
  proof = null;
  let freshProofs = 1;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(pow ? { ...submission, pow } : submission),
        credentials: 'omit',
        cache: 'no-store',
        signal: deadline(Math.min(REQUEST_TIMEOUT_MS, Math.max(MIN_TRY_MS, left()))),
      });
      const answer = await readAnswer(res);
      if (answer === 'stored') return { kind: 'received' };
      if (answer === 'new_proof' && freshProofs-- > 0) {
        pow = await proveWork();
        continue;
      }
      if (answer === 'refused' || answer === 'withdrawn') return { kind: 'rejected' };
      // Not a refusal by the service (a busy server, a proxy's or a portal's page): like a
      // failed connection, tried again with the same id and then kept on the phone.
      throw new Error(`status ${res.status}`);
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
