// Loaded after first paint: libsodium, sealing, and sending. Nothing here writes to storage.
import { fromBase64, loadSodium, sealDocument, toBase64 } from '../../../src/crypto.ts';
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
 * Seals one box per advocacy organisation (never with contact details) and, only when legal
 * aid was asked for, one per legal-aid organisation (the only boxes with contact details).
 */
export async function buildSubmission(
  draft: ReportDraft,
  recipients: Recipient[],
): Promise<{ submission: ReportSubmission; receiptCode: string }> {
  const sodium = await loadSodium();
  // The receipt code stays in this page's memory; only a hash of the token derived from it and
  // the reply public key are sent.
  const receiptCode = newReceiptCode(sodium);
  const keys = deriveFollowUpKeys(sodium, receiptCode);
  const followUp = {
    lookupHash: lookupHash(sodium, keys.lookupToken),
    replyPublicKey: toBase64(sodium, keys.replyPublicKey),
  };
  sodium.memzero(keys.lookupToken);
  sodium.memzero(keys.replySecretKey);
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
    submission: { id: draft.reportId, facts: draft.facts, sealed, followUp },
    receiptCode: formatReceiptCode(receiptCode),
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
