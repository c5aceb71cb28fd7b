// Short sealed messages about a report: notes, replies and information added later. Padded like
// reports (so the size says little), sealed anonymously, and bound to their report by id so a
// box cannot be moved to another report unnoticed. Pure enough for the browser.
import { z } from 'zod';
import { CryptoInputError, PUBLIC_KEY_BYTES, SECRET_KEY_BYTES, type Sodium } from './crypto.ts';
import { BOX_OVERHEAD, PAD_BLOCK } from './schemas.ts';

export const MAX_MESSAGE_CHARS = 4000;
export const MAX_MESSAGE_BOX_BYTES = BOX_OVERHEAD + 16 * PAD_BLOCK;

export const MessageDocumentSchema = z.strictObject({
  v: z.literal(1),
  reportId: z.string().max(64),
  text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
});
export type MessageDocument = z.infer<typeof MessageDocumentSchema>;

export function sealMessage(s: Sodium, doc: MessageDocument, publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== PUBLIC_KEY_BYTES) throw new CryptoInputError('public key length');
  const checked = MessageDocumentSchema.parse(doc);
  const padded = s.pad(s.from_string(JSON.stringify(checked)), PAD_BLOCK);
  if (padded.length + BOX_OVERHEAD > MAX_MESSAGE_BOX_BYTES) {
    throw new CryptoInputError('the message is too long to seal');
  }
  return s.crypto_box_seal(padded, publicKey);
}

/** Opens a message and checks that it belongs to the report it was filed under. */
export function openMessage(
  s: Sodium,
  box: Uint8Array,
  reportId: string,
  publicKey: Uint8Array,
  secretKey: Uint8Array,
): MessageDocument {
  if (publicKey.length !== PUBLIC_KEY_BYTES || secretKey.length !== SECRET_KEY_BYTES) {
    throw new CryptoInputError('key length');
  }
  if (
    box.length < BOX_OVERHEAD + PAD_BLOCK ||
    box.length > MAX_MESSAGE_BOX_BYTES ||
    (box.length - BOX_OVERHEAD) % PAD_BLOCK !== 0
  ) {
    throw new CryptoInputError('message box has an impossible length');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(
      s.to_string(s.unpad(s.crypto_box_seal_open(box, publicKey, secretKey), PAD_BLOCK)),
    );
  } catch {
    throw new CryptoInputError('message box cannot be opened with this key');
  }
  const parsed = MessageDocumentSchema.safeParse(doc);
  if (!parsed.success || parsed.data.reportId !== reportId) {
    throw new CryptoInputError('message box does not belong to this report');
  }
  return parsed.data;
}
