// Matching without showing the identifier (issue 17): the browser sends blinded ristretto255
// points and gets them back multiplied by the server's OPRF key (src/crypto/oprf.ts).
import * as z from 'zod';
import { ELEMENT_BYTES } from '../crypto/oprf.ts';
import { base64OfBytes, MAX_TAGS, ProofOfWorkSchema } from './schemas.ts';

export const EvaluateBodySchema = z.strictObject({
  elements: z
    .array(base64OfBytes(ELEMENT_BYTES).describe('a blinded ristretto255 element'))
    .min(1)
    .max(MAX_TAGS),
  // Required when the server asks for proof of work (GET /api/pow says how hard): every
  // evaluation answers one guess, so guessing costs what sending a report costs.
  pow: ProofOfWorkSchema.optional(),
});
export type EvaluateBody = z.infer<typeof EvaluateBodySchema>;

export const EvaluateReplySchema = z.object({
  evaluated: z.array(z.string().describe('base64 of the evaluated element, in the same order')),
});
export type EvaluateReply = z.infer<typeof EvaluateReplySchema>;
