// Loaded after first paint, in the sealing worker (seal-worker.ts) when the browser has one:
// libsodium, proof of work, the receipt and sealing. Sending is send.ts, on the page. Nothing
// here writes to storage.

import {
  documentsFor,
  type ReportDraft,
  SealedDocumentSchema,
} from '../../../../src/contract/envelope.ts';
import { EvaluateReplySchema } from '../../../../src/contract/match-schemas.ts';
import {
  type MatchTag,
  type Recipient,
  RecipientListSchema,
  type ReportSubmission,
  TransportKeySchema,
} from '../../../../src/contract/schemas.ts';
import { MAX_REPORT_BYTES } from '../../../../src/crypto/box-sizes.ts';
import { type Blinded, blindIdentifier, finishTag } from '../../../../src/crypto/match-tag.ts';
import { namedIdentifiers } from '../../../../src/crypto/named-identifiers.ts';
import {
  deriveFollowUpKeys,
  formatReceiptCode,
  lookupHash,
  newReceiptCode,
} from '../../../../src/crypto/receipt.ts';
import {
  fromBase64,
  loadSodium,
  type Sodium,
  sealDocument,
  sealJson,
  toBase64,
} from '../../../../src/crypto/sodium.ts';
import { api, type ReplyCheck } from '../../lib/api-client.ts';
import { proveWork as solveChallenge } from '../../lib/pow-client.ts';
import { deadline, type Proof } from './send.ts';

/** A reporter's GET: no cookies, nothing cached, given up after the usual deadline. */
function get<T>(url: string, reply: ReplyCheck<T>): Promise<T> {
  return api(url, reply, { credentials: 'omit', cache: 'no-store', signal: deadline() });
}

/** A fresh proof of work, given up after the same deadline as any request. */
export function proveWork(): Promise<Proof | null> {
  return solveChallenge(deadline());
}

let proof: Promise<Proof | null> | null = null;

/** The proof of work solved in advance, or a fresh one; each proof goes with one send. */
export async function takeProof(): Promise<Proof | null> {
  const ready = await (proof ?? proveWork()).catch(() => null);
  proof = null;
  return ready;
}

let transportKey: Promise<string> | null = null;

/** Starts the background work: libsodium, the recipients' keys and a proof of work. */
export async function prepare(): Promise<Recipient[]> {
  await loadSodium();
  proof ??= proveWork();
  proof.catch(() => {
    proof = null;
  });
  transportKey ??= get('/api/transport-key', TransportKeySchema).then((k) => k.publicKey);
  transportKey.catch(() => {
    transportKey = null;
  });
  return (await get('/api/recipients', RecipientListSchema)).recipients;
}

/** Seals the whole submission (facts included) to the transport key, for the outbox. */
export async function sealForLater(
  submission: ReportSubmission,
): Promise<{ id: string; envelope: string }> {
  const sodium = await loadSodium();
  transportKey ??= get('/api/transport-key', TransportKeySchema).then((k) => k.publicKey);
  const key = fromBase64(sodium, await transportKey);
  const { id, facts, sealed, followUp, tags } = submission;
  return {
    id,
    envelope: toBase64(
      sodium,
      sealJson(sodium, { id, facts, sealed, followUp, tags }, key, MAX_REPORT_BYTES),
    ),
  };
}

type Receipt = { code: string; followUp: NonNullable<ReportSubmission['followUp']> };

/**
 * A receipt code and what the report carries instead of it. The code stays in this page's
 * memory. Argon2id needs 64 MiB; if a small phone cannot spare it, the report is still sent,
 * only without a way to follow it up (null).
 */
function makeReceipt(sodium: Sodium): Receipt | null {
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

// A receipt made ahead, while the person fills the form, so Enviar does not wait for Argon2id
// (seconds on a slow phone). Each receipt goes to one report only.
let nextReceipt: Receipt | null = null;

/**
 * Makes the next report's receipt now. Only where it cannot freeze the page (the sealing
 * worker): Argon2id runs in one piece.
 */
export async function prepareReceipt(): Promise<void> {
  const sodium = await loadSodium();
  await proof?.catch(() => null); // the proof of work first: the report cannot go without it
  nextReceipt ??= makeReceipt(sodium);
}

/**
 * The matching tags for what the report names to recognise the perpetrator (issue 17): blinded
 * here, multiplied by the server's key, finished here. The server never sees the identifiers. If
 * the server cannot be asked now, the report goes without tags: the identifiers are still in the
 * sealed boxes, and the report is what matters.
 */
async function matchTags(sodium: Sodium, draft: ReportDraft): Promise<MatchTag[]> {
  const named = namedIdentifiers(draft.details.identifiers).canonical;
  const unique = [...new Map(named.map((n) => [n.value, n])).values()];
  if (unique.length === 0) return [];
  try {
    const blinded = unique.map((n) => blindIdentifier(sodium, n.value));
    const pow = await proveWork();
    const { evaluated } = await api('/api/match/evaluate', EvaluateReplySchema, {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      signal: deadline(),
      body: { elements: blinded.map((b) => toBase64(sodium, b.element)), ...(pow ? { pow } : {}) },
    });
    if (evaluated.length !== blinded.length) return [];
    return unique.map((n, i) => ({
      kind: n.kind,
      tag: toBase64(
        sodium,
        finishTag(sodium, blinded[i] as Blinded, fromBase64(sodium, evaluated[i] ?? '')),
      ),
    }));
  } catch {
    return [];
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
  const receipt = nextReceipt ?? makeReceipt(sodium);
  nextReceipt = null;
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
  const tags = await matchTags(sodium, draft);
  return {
    submission: {
      id: draft.reportId,
      facts: draft.facts,
      sealed,
      ...(receipt ? { followUp: receipt.followUp } : {}),
      ...(tags.length ? { tags } : {}),
    },
    receiptCode: receipt ? formatReceiptCode(receipt.code) : null,
  };
}
