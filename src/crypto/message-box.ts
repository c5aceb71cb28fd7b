// Short sealed messages about a report: notes, replies and information added later. Padded like
// reports (so the size says little), sealed anonymously, and bound to their report by id so a
// box cannot be moved to another report unnoticed. Pure enough for the browser.
import * as z from 'zod';
import { BOX_OVERHEAD, PAD_BLOCK } from './box-sizes.ts';
import { CryptoInputError, openJson, type Sodium, sealJson } from './sodium.ts';

export const MAX_MESSAGE_CHARS = 4000;
export const MAX_MESSAGE_BOX_BYTES = BOX_OVERHEAD + 16 * PAD_BLOCK;

export const MessageDocumentSchema = z.strictObject({
  v: z.literal(1),
  reportId: z.string().max(64),
  text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
});
export type MessageDocument = z.infer<typeof MessageDocumentSchema>;

export function sealMessage(s: Sodium, doc: MessageDocument, publicKey: Uint8Array): Uint8Array {
  return sealJson(s, MessageDocumentSchema.parse(doc), publicKey, MAX_MESSAGE_BOX_BYTES);
}

/** Opens a message and checks that it belongs to the report it was filed under. */
export function openMessage(
  s: Sodium,
  box: Uint8Array,
  reportId: string,
  publicKey: Uint8Array,
  secretKey: Uint8Array,
): MessageDocument {
  const doc = openJson(s, box, publicKey, secretKey, MAX_MESSAGE_BOX_BYTES);
  const parsed = MessageDocumentSchema.safeParse(doc);
  if (!parsed.success || parsed.data.reportId !== reportId) {
    throw new CryptoInputError('message box does not belong to this report');
  }
  return parsed.data;
}
