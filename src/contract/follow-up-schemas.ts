// The reporter's follow-up contract between web and api. The token is derived from the receipt
// code in the browser; the code itself is never sent.
import * as z from 'zod';
import { CASE_STATUSES, TRIAGE_STATUSES } from '../shared/case-status.ts';
import { ORG_ROLES } from '../shared/vocabulary.ts';
import { MessageBoxSchema } from './inbox-schemas.ts';
import { base64DecodedLength, MAX_RECIPIENTS, ProofOfWorkSchema } from './schemas.ts';

export const LookupTokenSchema = z
  .string()
  .max(48)
  .refine((v) => base64DecodedLength(v) === 32, 'must be base64 of a 32-byte token');

// `pow` is required when the server asks for proof of work (GET /api/pow).
export const TokenBodySchema = z.strictObject({
  token: LookupTokenSchema,
  pow: ProofOfWorkSchema.optional(),
});

export const FollowUpViewSchema = z.object({
  id: z.string(),
  receivedDay: z.string(),
  organisations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.enum(ORG_ROLES),
      status: z.enum(TRIAGE_STATUSES),
      caseStatus: z.enum(CASE_STATUSES),
    }),
  ),
  replies: z.array(
    z.object({ id: z.string(), orgId: z.string(), day: z.string(), box: z.string() }),
  ),
});
export type FollowUpView = z.infer<typeof FollowUpViewSchema>;

export const AddInfoBodySchema = z.strictObject({
  token: LookupTokenSchema,
  pow: ProofOfWorkSchema.optional(),
  sealed: z
    .array(z.strictObject({ recipient: z.string().max(64), box: MessageBoxSchema }))
    .min(1)
    .max(MAX_RECIPIENTS),
});
export type AddInfoBody = z.infer<typeof AddInfoBodySchema>;

/** POST /api/follow-up/information: the addition is stored. */
export const InformationReceivedSchema = z.object({ status: z.literal('received') });
