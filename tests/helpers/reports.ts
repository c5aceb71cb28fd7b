// Builds valid submissions the way the web form does: real sealed boxes, padded and base64.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { documentsFor, type ReportDraft } from '../../src/contract/envelope.ts';
import type { Facts, ReportSubmission } from '../../src/contract/schemas.ts';
import { MAX_REPORT_BYTES } from '../../src/crypto/box-sizes.ts';
import { loadSodium, sealDocument, sealJson, toBase64 } from '../../src/crypto/sodium.ts';
import type { TestOrg } from './app.ts';

export function validFacts(overrides: Partial<Facts> = {}): Facts {
  return {
    incidentMonth: '2026-03',
    region: '1501',
    perpetrators: ['police'],
    violence: ['extortion'],
    identity: 'trans_woman',
    ageBand: '25_34',
    nationality: 'peruvian',
    setting: 'street',
    reportedToAuthority: 'no',
    channel: 'self',
    ...overrides,
  };
}

export async function sealedSubmission(
  orgs: { advocacy: TestOrg; legal?: TestOrg },
  draft: Partial<ReportDraft> = {},
): Promise<ReportSubmission> {
  const sodium = await loadSodium();
  const reportId = draft.reportId ?? randomUUID();
  const facts = draft.facts ?? validFacts();
  const docs = documentsFor({
    reportId,
    facts,
    details: draft.details ?? {},
    legalAid: draft.legalAid ?? null,
    ...(draft.narrative ? { narrative: draft.narrative } : {}),
  });
  const sealed = [
    {
      recipient: orgs.advocacy.id,
      box: toBase64(sodium, sealDocument(sodium, docs.advocacy, orgs.advocacy.publicKey)),
    },
  ];
  if (docs.legalAid && orgs.legal) {
    sealed.push({
      recipient: orgs.legal.id,
      box: toBase64(sodium, sealDocument(sodium, docs.legalAid, orgs.legal.publicKey)),
    });
  }
  return { id: reportId, facts, sealed };
}

/** A whole submission sealed to the server's transport key, as the phone's outbox sends it. */
export async function envelopeFor(app: FastifyInstance, inner: unknown): Promise<string> {
  const sodium = await loadSodium();
  const key = (await app.inject({ method: 'GET', url: '/api/transport-key' })).json().publicKey;
  return toBase64(
    sodium,
    sealJson(
      sodium,
      inner,
      sodium.from_base64(key, sodium.base64_variants.ORIGINAL),
      MAX_REPORT_BYTES,
    ),
  );
}
