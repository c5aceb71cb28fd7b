// The one crypto module. libsodium-wrappers-sumo works in the browser and in Node, so the form,
// the server and the command-line opener all seal and open through these functions. The sumo
// build is needed for crypto_pwhash (Argon2id): staff passwords, key wrapping, receipt codes.
import sodium from 'libsodium-wrappers-sumo';
import { type SealedDocument, SealedDocumentSchema } from './envelope.ts';
import { BOX_OVERHEAD, MAX_BOX_BYTES, PAD_BLOCK } from './schemas.ts';

export type Sodium = typeof sodium;
export const PUBLIC_KEY_BYTES = 32;
export const SECRET_KEY_BYTES = 32;

let readyPromise: Promise<Sodium> | null = null;

/** Resolves once libsodium is initialised; every caller shares the one initialisation. */
export function loadSodium(): Promise<Sodium> {
  readyPromise ??= sodium.ready.then(() => sodium);
  return readyPromise;
}

export function toBase64(s: Sodium, bytes: Uint8Array): string {
  return s.to_base64(bytes, s.base64_variants.ORIGINAL);
}

export function fromBase64(s: Sodium, text: string): Uint8Array {
  return s.from_base64(text, s.base64_variants.ORIGINAL);
}

export class CryptoInputError extends Error {}

function checkLength(bytes: Uint8Array, expected: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== expected) {
    throw new CryptoInputError(`${what} must be ${expected} bytes`);
  }
}

export function generateKeyPair(s: Sodium): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const pair = s.crypto_box_keypair();
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

export function publicKeyFromSecret(s: Sodium, secretKey: Uint8Array): Uint8Array {
  checkLength(secretKey, SECRET_KEY_BYTES, 'secret key');
  return s.crypto_scalarmult_base(secretKey);
}

/**
 * Serialises, pads to a multiple of PAD_BLOCK (so the box size says little about the content)
 * and seals anonymously to one recipient.
 */
export function sealDocument(s: Sodium, doc: SealedDocument, publicKey: Uint8Array): Uint8Array {
  checkLength(publicKey, PUBLIC_KEY_BYTES, 'public key');
  const padded = s.pad(s.from_string(JSON.stringify(doc)), PAD_BLOCK);
  if (padded.length + BOX_OVERHEAD > MAX_BOX_BYTES) {
    throw new CryptoInputError('the report is too long to seal');
  }
  return s.crypto_box_seal(padded, publicKey);
}

/** Opens one box and checks the document inside. Throws CryptoInputError on any failure. */
export function openBox(
  s: Sodium,
  box: Uint8Array,
  publicKey: Uint8Array,
  secretKey: Uint8Array,
): SealedDocument {
  checkLength(publicKey, PUBLIC_KEY_BYTES, 'public key');
  checkLength(secretKey, SECRET_KEY_BYTES, 'secret key');
  if (box.length < BOX_OVERHEAD + PAD_BLOCK || (box.length - BOX_OVERHEAD) % PAD_BLOCK !== 0) {
    throw new CryptoInputError('box has an impossible length');
  }
  let padded: Uint8Array;
  try {
    padded = s.crypto_box_seal_open(box, publicKey, secretKey);
  } catch {
    throw new CryptoInputError('box cannot be opened with this key');
  }
  let json: unknown;
  try {
    json = JSON.parse(s.to_string(s.unpad(padded, PAD_BLOCK)));
  } catch {
    throw new CryptoInputError('box content is not a padded JSON document');
  }
  const parsed = SealedDocumentSchema.safeParse(json);
  if (!parsed.success) throw new CryptoInputError('box content is not a valid sealed document');
  return parsed.data;
}
