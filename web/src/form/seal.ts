// Loaded after first paint: libsodium, sealing, and sending. Nothing here writes to storage.
import {
  fromBase64,
  loadSodium,
  type Sodium,
  sealDocument,
  toBase64,
} from '../../../src/crypto.ts';
import { documentsFor, type ReportDraft, SealedDocumentSchema } from '../../../src/envelope.ts';
import {
  deriveFollowUpKeys,
  formatReceiptCode,
  lookupHash,
  newReceiptCode,
} from '../../../src/receipt.ts';
import type { Recipient, ReportSubmission } from '../../../src/schemas.ts';

export async function prepare(): Promise<Recipient[]> {
  const [, response] = await Promise.all([
    loadSodium(),
    fetch('/api/recipients', { credentials: 'omit', cache: 'no-store' }),
  ]);
  if (!response.ok) throw new Error(`recipients: ${response.status}`);
  const body = (await response.json()) as { recipients: Recipient[] };
  return body.recipients;
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

export type SendOutcome =
  | { kind: 'received' }
  | { kind: 'rejected'; message: string }
  | { kind: 'offline' };

const RETRY_DELAYS_MS = [1000, 3000, 6000];

/** Posts the report, retrying network failures with the same id so it is stored at most once. */
export async function send(
  submission: ReportSubmission,
  onRetry: () => void,
): Promise<SendOutcome> {
  const body = JSON.stringify(submission);
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        credentials: 'omit',
        cache: 'no-store',
      });
      if (res.status === 201) return { kind: 'received' };
      if (res.status >= 500 || res.status === 429) throw new Error(`status ${res.status}`);
      const err = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      return { kind: 'rejected', message: err?.error?.message ?? `status ${res.status}` };
    } catch {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) return { kind: 'offline' };
      onRetry();
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
