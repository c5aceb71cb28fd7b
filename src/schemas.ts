// The contract between web and api. Pure zod: the web form imports this file too.
import { z } from 'zod';
import { incidentMonthProblem, MONTH_PATTERN } from './months.ts';
import {
  AGE_BAND_CODES,
  CHANNEL_CODES,
  IDENTITY_CODES,
  NATIONALITY_CODES,
  ORG_ROLES,
  PERPETRATOR_CODES,
  REGION_CODES,
  REPORTED_CODES,
  SETTING_CODES,
  VIOLENCE_CODES,
} from './vocabulary.ts';

export const BOX_OVERHEAD = 48; // crypto_box_SEALBYTES: ephemeral public key (32) + MAC (16)
export const PAD_BLOCK = 1024;
export const MAX_BOX_BYTES = 64 * 1024;
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
  region: z.enum(REGION_CODES),
  perpetrators: uniqueList(PERPETRATOR_CODES),
  violence: uniqueList(VIOLENCE_CODES),
  identity: z.enum(IDENTITY_CODES),
  ageBand: z.enum(AGE_BAND_CODES),
  nationality: z.enum(NATIONALITY_CODES),
  setting: z.enum(SETTING_CODES),
  reportedToAuthority: z.enum(REPORTED_CODES),
  channel: z.enum(CHANNEL_CODES),
});
export type Facts = z.infer<typeof StoredFactsSchema>;

/** Facts as submitted: the incident month must lie within the last ten years. */
export const FactsSchema = StoredFactsSchema.extend({
  incidentMonth: MonthSchema.superRefine((month, ctx) => {
    const problem = incidentMonthProblem(month, new Date());
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

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

// Optional: present when the reporter kept a receipt code (src/receipt.ts). Neither field can
// lead back to the code: one is a hash of an Argon2id output, the other a public key.
export const FollowUpSchema = z.strictObject({
  lookupHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
  replyPublicKey: z
    .string()
    .refine((v) => base64DecodedLength(v) === 32, 'must be base64 of a 32-byte public key'),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const ReportSubmissionSchema = z.strictObject({
  id: z.uuidv4('must be a UUID v4 made by the client'),
  facts: FactsSchema,
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
});
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
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorSchema>;
