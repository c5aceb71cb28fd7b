// The sealed document: what only the recipient organisations can read.
// Pure zod, no Node imports: the web form builds it and the opener parses it.
import * as z from 'zod';
import { SOCIAL_PLATFORMS } from '../crypto/identifiers.ts';
import { StoredFactsSchema } from './schemas.ts';

export const ENVELOPE_VERSION = 1;
export const MAX_NARRATIVE_CHARS = 6000;
export const MAX_DETAIL_CHARS = 500;

const text = (max: number) => z.string().trim().max(max);

/**
 * What would recognise the perpetrator, as the person typed it (issue 17). Sealed like every
 * detail; the browser also turns the phone, plate, profile and badge into matching tags
 * (src/crypto/match-tag.ts), which go beside the boxes. The unit is sealed only, never matched.
 */
export const IdentifiersSchema = z.strictObject({
  phone: text(MAX_DETAIL_CHARS).optional(),
  plate: text(MAX_DETAIL_CHARS).optional(),
  socialSite: z.enum(SOCIAL_PLATFORMS).optional(),
  social: text(MAX_DETAIL_CHARS).optional(),
  badge: text(MAX_DETAIL_CHARS).optional(),
  unit: text(MAX_DETAIL_CHARS).optional(),
});
export type Identifiers = z.infer<typeof IdentifiersSchema>;

export const SealedDetailsSchema = z.strictObject({
  exactDate: z.iso.date().optional(),
  place: text(MAX_DETAIL_CHARS).optional(),
  perpetratorDetails: text(MAX_DETAIL_CHARS).optional(),
  identifiers: IdentifiersSchema.optional(),
});

export const CONTACT_METHODS = ['phone_call', 'whatsapp', 'sms', 'email', 'other'] as const;
export const LEGAL_NEEDS = ['complaint', 'accompaniment', 'advice'] as const;

export const ContactSchema = z.strictObject({
  method: z.enum(CONTACT_METHODS),
  value: text(MAX_DETAIL_CHARS).min(1),
  safeTimes: text(MAX_DETAIL_CHARS).optional(),
  needs: z.array(z.enum(LEGAL_NEEDS)).max(LEGAL_NEEDS.length).optional(),
  notes: text(MAX_DETAIL_CHARS).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const SealedDocumentSchema = z.strictObject({
  v: z.literal(ENVELOPE_VERSION),
  reportId: z.uuidv4(),
  facts: StoredFactsSchema,
  narrative: text(MAX_NARRATIVE_CHARS).optional(),
  details: SealedDetailsSchema,
  legalAidRequested: z.boolean(),
  // Present only in the box for a legal-aid organisation, and only when legal aid was requested.
  contact: ContactSchema.optional(),
});
export type SealedDocument = z.infer<typeof SealedDocumentSchema>;

export type ReportDraft = {
  reportId: string;
  facts: SealedDocument['facts'];
  narrative?: string;
  details: SealedDocument['details'];
  legalAid: { contact: Contact } | null;
};

/**
 * The per-role documents: an advocacy box never holds contact details; a legal-aid box exists
 * only when legal aid was asked for, and only it holds them.
 */
export function documentsFor(draft: ReportDraft): {
  advocacy: SealedDocument;
  legalAid: SealedDocument | null;
} {
  const base: SealedDocument = {
    v: ENVELOPE_VERSION,
    reportId: draft.reportId,
    facts: draft.facts,
    ...(draft.narrative ? { narrative: draft.narrative } : {}),
    details: draft.details,
    legalAidRequested: draft.legalAid !== null,
  };
  return {
    advocacy: base,
    legalAid: draft.legalAid ? { ...base, contact: draft.legalAid.contact } : null,
  };
}
