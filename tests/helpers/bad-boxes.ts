// Boxes that pass the server's length checks but hold no report: what anyone with an
// organisation's public key (it is public) can send. Sealed with the independent
// implementation, so they do not depend on the code under test.
import { randomBytes } from 'node:crypto';
import { PAD_BLOCK } from '../../src/crypto/box-sizes.ts';
import { independentSeal, isoPad } from './independent-box.ts';

export const BAD_BOX_KINDS = ['not-a-document', 'not-json', 'not-padded', 'not-a-box'] as const;
export type BadBoxKind = (typeof BAD_BOX_KINDS)[number];

/** What the workspace's opener says about each kind (src/crypto/sodium.ts). */
export const BAD_BOX_PROBLEMS: Record<BadBoxKind, string> = {
  'not-a-document': 'box content is not a valid sealed document',
  'not-json': 'box content is not a padded JSON document',
  'not-padded': 'box content is not a padded JSON document',
  'not-a-box': 'box cannot be opened with this key',
};

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

export function badBox(kind: BadBoxKind, recipientPk: Uint8Array): Uint8Array {
  switch (kind) {
    case 'not-a-document':
      // Opens and parses, but is not the document the form seals.
      return independentSeal(
        isoPad(json({ v: 1, aviso: 'esto no es un reporte' }), PAD_BLOCK),
        recipientPk,
      );
    case 'not-json':
      return independentSeal(isoPad(randomBytes(300), PAD_BLOCK), recipientPk);
    case 'not-padded':
      // No 0x80 marker anywhere, so it is not ISO/IEC 7816-4 padding.
      return independentSeal(new Uint8Array(PAD_BLOCK), recipientPk);
    case 'not-a-box':
      return randomBytes(32 + 16 + PAD_BLOCK);
  }
}

export function badBoxBase64(kind: BadBoxKind, recipientPk: Uint8Array): string {
  return Buffer.from(badBox(kind, recipientPk)).toString('base64');
}
