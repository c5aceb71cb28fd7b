// The contract between web and api. Pure zod: the web form imports this file too.
import * as z from 'zod';
import { BOX_OVERHEAD, MAX_BOX_BYTES, PAD_BLOCK } from '../crypto/box-sizes.ts';
import { IDENTIFIER_KINDS } from '../crypto/identifiers.ts';
import { incidentMonthProblem, MONTH_PATTERN } from '../shared/months.ts';
import { FACT_CODES, ORG_ROLES } from '../shared/vocabulary.ts';
import { ERROR_CODES } from './error-codes.ts';

export const MAX_RECIPIENTS = 8;

export const MonthSchema = z.string().regex(MONTH_PATTERN, 'must be a month written YYYY-MM');

function uniqueList<T extends readonly [string, ...string[]]>(codes: T) {
  return z
    .array(z.enum(codes))
    .min(1, 'choose at least one')
    .max(codes.length)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a value');
}

// The facts' shape, with no check against today's date: used to read stored and sealed copies.
export const StoredFactsSchema = z.strictObject({
  incidentMonth: MonthSchema,
  region: z.enum(FACT_CODES.region),
  perpetrators: uniqueList(FACT_CODES.perpetrators),
  violence: uniqueList(FACT_CODES.violence),
  identity: z.enum(FACT_CODES.identity),
  ageBand: z.enum(FACT_CODES.ageBand),
  nationality: z.enum(FACT_CODES.nationality),
  setting: z.enum(FACT_CODES.setting),
  reportedToAuthority: z.enum(FACT_CODES.reportedToAuthority),
  channel: z.enum(FACT_CODES.channel),
});
export type Facts = z.infer<typeof StoredFactsSchema>;

/**
 * Facts as submitted: the incident month must lie within the last ten years of `now` (the
 * server's injected clock; the browser's own time by default).
 */
export function factsSchemaAt(now: () => Date) {
  return StoredFactsSchema.extend({
    incidentMonth: MonthSchema.superRefine((month, ctx) => {
      const problem = incidentMonthProblem(month, now());
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  });
}
export const FactsSchema = factsSchemaAt(() => new Date());

/** Decoded length of a standard, padded base64 string, or -1 if it is not one. */
export function base64DecodedLength(value: string): number {
  if (value.length % 4 !== 0) return -1;
  if (typeof Buffer === 'undefined') {
    // In the browser (this file is bundled into the pages too).
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return -1;
    const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
    return (value.length / 4) * 3 - padding;
  }
  // On the server, for every box of every submission: Node's decoder skips what is not base64,
  // so only text that encodes back to itself is standard, padded base64. Twice as fast as the
  // regular expression; stricter only about non-zero padding bits, which no encoder writes.
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes.length : -1;
}

export function sealedBoxLengthProblem(bytes: number): string | null {
  if (bytes > MAX_BOX_BYTES) return `must be at most ${MAX_BOX_BYTES} bytes`;
  if (bytes < BOX_OVERHEAD + PAD_BLOCK || (bytes - BOX_OVERHEAD) % PAD_BLOCK !== 0) {
    return `must be ${BOX_OVERHEAD} bytes plus a positive multiple of ${PAD_BLOCK} bytes`;
  }
  return null;
}

// Longest base64 text of a box that could be valid; anything longer is refused unread.
const MAX_BOX_BASE64 = Math.ceil(MAX_BOX_BYTES / 3) * 4;

export const SealedBoxSchema = z.strictObject({
  recipient: z.string().min(1).max(64),
  box: z
    .string()
    .max(MAX_BOX_BASE64, 'is too large')
    .superRefine((value, ctx) => {
      const bytes = base64DecodedLength(value);
      if (bytes < 0) {
        ctx.addIssue({ code: 'custom', message: 'must be standard base64 with padding' });
        return;
      }
      const problem = sealedBoxLengthProblem(bytes);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type SealedBox = z.infer<typeof SealedBoxSchema>;

export const ProofOfWorkSchema = z.strictObject({
  challenge: z.string().min(1).max(200),
  nonce: z.string().min(1).max(32),
});

/** Base64 (standard, padded) of exactly `bytes` bytes. */
export const base64OfBytes = (bytes: number) =>
  z
    .string()
    .max(Math.ceil(bytes / 3) * 4)
    .refine((v) => base64DecodedLength(v) === bytes, `must be base64 of ${bytes} bytes`);

/** A matching tag: the first 32 bytes of the oblivious PRF's output (src/crypto/match-tag.ts). */
export const TAG_BYTES = 32;
/** A phone, a plate, a profile and a badge, with room for a second phone and plate. */
export const MAX_TAGS = 6;

export const MatchTagSchema = z.strictObject({
  kind: z.enum(IDENTIFIER_KINDS),
  tag: base64OfBytes(TAG_BYTES),
});
export type MatchTag = z.infer<typeof MatchTagSchema>;

// Optional: present when the reporter kept a receipt code (src/crypto/receipt.ts). Neither field can
// lead back to the code: one is a hash of an Argon2id output, the other a public key.
export const FollowUpSchema = z.strictObject({
  lookupHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
  replyPublicKey: z
    .string()
    .refine((v) => base64DecodedLength(v) === 32, 'must be base64 of a 32-byte public key'),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** A report as sent, with its incident month judged against `now` (see factsSchemaAt). */
export function reportSubmissionSchemaAt(now: () => Date) {
  return z.strictObject({
    id: z.uuidv4('must be a UUID v4 made by the client'),
    facts: factsSchemaAt(now),
    sealed: z
      .array(SealedBoxSchema)
      .min(1, 'needs at least one sealed box')
      .max(MAX_RECIPIENTS)
      .refine(
        (boxes) => new Set(boxes.map((b) => b.recipient)).size === boxes.length,
        'must not have two boxes for the same recipient',
      ),
    // Required when the server asks for proof of work (GET /api/pow says how hard).
    pow: ProofOfWorkSchema.optional(),
    // A honeypot: the form keeps its field (named "website" in the page) empty and out of sight;
    // bots fill it in. Named and described like any other field here, so that it does not stand
    // out in /docs/json.
    referrer: z.string().max(500).optional().describe('Reserved; leave it out'),
    followUp: FollowUpSchema.optional(),
    // What the report names to recognise the perpetrator, only as tags (issue 17).
    tags: z
      .array(MatchTagSchema)
      .max(MAX_TAGS)
      .refine(
        (tags) => new Set(tags.map((t) => t.tag)).size === tags.length,
        'must not name the same tag twice',
      )
      .optional(),
  });
}
export const ReportSubmissionSchema = reportSubmissionSchemaAt(() => new Date());
export type ReportSubmission = z.infer<typeof ReportSubmissionSchema>;

export const PowChallengeSchema = z.object({
  algorithm: z.string(),
  challenge: z.string(),
  difficulty: z.number().int(),
  expiresInSeconds: z.number().int(),
});

export const ReportReceiptSchema = z.object({
  id: z.string(),
  status: z.literal('received'),
});
export type ReportReceipt = z.infer<typeof ReportReceiptSchema>;

/** GET /api/transport-key: the key a phone seals a waiting (offline) report to. */
export const TransportKeySchema = z.object({ publicKey: z.string() });

export const RecipientSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ORG_ROLES),
  publicKey: z.string().describe('base64 of the 32-byte X25519 public key'),
});
export type Recipient = z.infer<typeof RecipientSchema>;

export const RecipientListSchema = z.object({ recipients: z.array(RecipientSchema) });

export const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorSchema>;
