// The workspace inbox's contract between web and api.
import * as z from 'zod';
import { BOX_OVERHEAD, PAD_BLOCK } from '../crypto/box-sizes.ts';
import { IDENTIFIER_KINDS } from '../crypto/identifiers.ts';
import { MAX_MESSAGE_BOX_BYTES } from '../crypto/message-box.ts';
import { CASE_STATUSES, TRIAGE_STATUSES } from '../shared/case-status.ts';
import { MESSAGE_KINDS } from '../shared/message-kinds.ts';
import { PERPETRATOR_CODES, REGION_CODES } from '../shared/vocabulary.ts';
import { base64DecodedLength } from './schemas.ts';

export const InboxQuerySchema = z.strictObject({
  status: z.enum(TRIAGE_STATUSES).optional(),
  region: z.enum(REGION_CODES).optional(),
  perpetrator: z.enum(PERPETRATOR_CODES).optional(),
});

export const ReportIdParamsSchema = z.object({ id: z.uuidv4() });

export const MessageViewSchema = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  day: z.string(),
  box: z.string(),
});

export const InboxItemSchema = z.object({
  id: z.string(),
  receivedDay: z.string(),
  status: z.enum(TRIAGE_STATUSES),
  caseStatus: z.enum(CASE_STATUSES),
  box: z.string(),
  // The reporter's reply key, when they kept a receipt code; null means no reply is possible.
  replyPublicKey: z.string().nullable(),
  messages: z.array(MessageViewSchema),
  // Other reports that name the same phone, plate, profile or badge (by their matching tags):
  // those this organisation holds, by id; those only others hold, just counted.
  matches: z.object({
    kinds: z.array(z.enum(IDENTIFIER_KINDS)),
    here: z.array(z.string()),
    elsewhere: z.number().int(),
  }),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

export const InboxListSchema = z.object({ reports: z.array(InboxItemSchema) });

export const StatusBodySchema = z.strictObject({ status: z.enum(TRIAGE_STATUSES) });
export const CaseStatusBodySchema = z.strictObject({ caseStatus: z.enum(CASE_STATUSES) });

export const MessageBoxSchema = z
  .string()
  .max(Math.ceil(MAX_MESSAGE_BOX_BYTES / 3) * 4)
  .refine((value) => {
    const bytes = base64DecodedLength(value);
    return (
      bytes >= BOX_OVERHEAD + PAD_BLOCK &&
      bytes <= MAX_MESSAGE_BOX_BYTES &&
      (bytes - BOX_OVERHEAD) % PAD_BLOCK === 0
    );
  }, `must be base64 of ${BOX_OVERHEAD} bytes plus a positive multiple of ${PAD_BLOCK} bytes`);

export const NoteBodySchema = z.strictObject({ box: MessageBoxSchema });
export const ReplyBodySchema = z.strictObject({
  box: MessageBoxSchema.describe('sealed to the reporter’s reply key'),
  copy: MessageBoxSchema.describe('the same reply sealed to the organisation'),
});
export const CreatedSchema = z.object({ id: z.string() });
