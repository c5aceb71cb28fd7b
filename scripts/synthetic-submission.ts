// Realistic synthetic submissions for load and crash tests: real sealed, padded boxes.

import { documentsFor } from '../src/contract/envelope.ts';
import type { Recipient, ReportSubmission } from '../src/contract/schemas.ts';
import { fromBase64, type Sodium, sealDocument, toBase64 } from '../src/crypto/sodium.ts';
import { currentPeruMonth } from '../src/shared/months.ts';
import { FACT_CODES } from '../src/shared/vocabulary.ts';

export function uuidV4(sodium: Sodium): string {
  const b = sodium.randombytes_buf(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = sodium.to_hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** The i-th synthetic report, sealed to every advocacy recipient (and legal aid every 5th). */
export function buildSyntheticSubmission(
  sodium: Sodium,
  recipients: Recipient[],
  i: number,
): ReportSubmission {
  const reportId = uuidV4(sodium);
  // Facts vary independently (different strides), with a second perpetrator or harm in some
  // reports, so that load and crash tests see as many distinct fact combinations as real data.
  const perpetrators = [pick(FACT_CODES.perpetrators, i)];
  if (i % 4 === 1) perpetrators.push(pick(FACT_CODES.perpetrators, i + 3));
  const violence = [pick(FACT_CODES.violence, i * 7)];
  if (i % 3 === 2) violence.push(pick(FACT_CODES.violence, i * 7 + 5));
  const facts: ReportSubmission['facts'] = {
    incidentMonth: currentPeruMonth(new Date()),
    region: pick(FACT_CODES.region, i),
    perpetrators,
    violence,
    identity: pick(FACT_CODES.identity, i * 3),
    ageBand: pick(FACT_CODES.ageBand, i * 5),
    nationality: pick(FACT_CODES.nationality, i * 3),
    setting: pick(FACT_CODES.setting, i * 11),
    reportedToAuthority: pick(FACT_CODES.reportedToAuthority, i * 13),
    channel: pick(FACT_CODES.channel, i * 17),
  };
  const legal = i % 5 === 0;
  const docs = documentsFor({
    reportId,
    facts,
    narrative: `Relato sintético número ${i}. `.repeat(20),
    details: {},
    legalAid: legal ? { contact: { method: 'phone_call', value: '900000000' } } : null,
  });
  const sealed = recipients.flatMap((r) => {
    const doc = r.role === 'advocacy' ? docs.advocacy : docs.legalAid;
    return doc
      ? [
          {
            recipient: r.id,
            box: toBase64(sodium, sealDocument(sodium, doc, fromBase64(sodium, r.publicKey))),
          },
        ]
      : [];
  });
  return { id: reportId, facts, sealed };
}
