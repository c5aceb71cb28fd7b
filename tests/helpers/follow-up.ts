// A reporter's receipt code and what their browser would send and derive from it.

import type { FollowUp } from '../../src/contract/schemas.ts';
import { deriveFollowUpKeys, lookupHash, newReceiptCode } from '../../src/crypto/receipt.ts';
import { loadSodium, toBase64 } from '../../src/crypto/sodium.ts';

export type Receipt = {
  code: string;
  token: string;
  followUp: FollowUp;
  replyPublicKey: Uint8Array;
  replySecretKey: Uint8Array;
};

export async function newReceipt(): Promise<Receipt> {
  const sodium = await loadSodium();
  const code = newReceiptCode(sodium);
  const keys = deriveFollowUpKeys(sodium, code);
  return {
    code,
    token: toBase64(sodium, keys.lookupToken),
    followUp: {
      lookupHash: lookupHash(sodium, keys.lookupToken),
      replyPublicKey: toBase64(sodium, keys.replyPublicKey),
    },
    replyPublicKey: keys.replyPublicKey,
    replySecretKey: keys.replySecretKey,
  };
}
