// The one crypto module. libsodium-wrappers-sumo works in the browser and in Node, so the form,
// the server and the command-line opener all seal and open through these functions. The sumo
// build is needed for crypto_pwhash (Argon2id): staff passwords, key wrapping, receipt codes.
// libsodium is imported on first use, not with this module: in the browser it is a large
// download, and the pages that import this module must be usable before it arrives.
import type sodium from 'libsodium-wrappers-sumo';
import { type SealedDocument, SealedDocumentSchema } from '../contract/envelope.ts';
import { BOX_OVERHEAD, MAX_BOX_BYTES, PAD_BLOCK } from './box-sizes.ts';

export type Sodium = typeof sodium;
export const PUBLIC_KEY_BYTES = 32;
export const SECRET_KEY_BYTES = 32;

let readyPromise: Promise<Sodium> | null = null;

/** Resolves once libsodium is initialised; every caller shares the one initialisation. */
export function loadSodium(): Promise<Sodium> {
  readyPromise ??= import('libsodium-wrappers-sumo').then(async ({ default: s }) => {
    await s.ready;
    return s;
  });
  // A download cut short (a weak signal) is tried again on the next call.
  readyPromise.catch(() => {
    readyPromise = null;
  });
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
export function sealJson(
  s: Sodium,
  value: unknown,
  publicKey: Uint8Array,
  maxBytes = MAX_BOX_BYTES,
): Uint8Array {
  checkLength(publicKey, PUBLIC_KEY_BYTES, 'public key');
  const padded = s.pad(s.from_string(JSON.stringify(value)), PAD_BLOCK);
  if (padded.length + BOX_OVERHEAD > maxBytes) {
    throw new CryptoInputError('the content is too long to seal');
  }
  return s.crypto_box_seal(padded, publicKey);
}

export function sealDocument(s: Sodium, doc: SealedDocument, publicKey: Uint8Array): Uint8Array {
  return sealJson(s, doc, publicKey);
}

/**
 * Opens a padded JSON box no larger than maxBytes. Throws CryptoInputError on any failure; an
 * impossible length is refused before any work.
 */
export function openJson(
  s: Sodium,
  box: Uint8Array,
  publicKey: Uint8Array,
  secretKey: Uint8Array,
  maxBytes = Number.POSITIVE_INFINITY,
): unknown {
  checkLength(publicKey, PUBLIC_KEY_BYTES, 'public key');
  checkLength(secretKey, SECRET_KEY_BYTES, 'secret key');
  if (
    box.length < BOX_OVERHEAD + PAD_BLOCK ||
    box.length > maxBytes ||
    (box.length - BOX_OVERHEAD) % PAD_BLOCK !== 0
  ) {
    throw new CryptoInputError('box has an impossible length');
  }
  let padded: Uint8Array;
  try {
    padded = s.crypto_box_seal_open(box, publicKey, secretKey);
  } catch {
    throw new CryptoInputError('box cannot be opened with this key');
  }
  try {
    return JSON.parse(s.to_string(s.unpad(padded, PAD_BLOCK)));
  } catch {
    throw new CryptoInputError('box content is not a padded JSON document');
  }
}

/** Opens one box and checks the document inside. Throws CryptoInputError on any failure. */
export function openBox(
  s: Sodium,
  box: Uint8Array,
  publicKey: Uint8Array,
  secretKey: Uint8Array,
): SealedDocument {
  const parsed = SealedDocumentSchema.safeParse(openJson(s, box, publicKey, secretKey));
  if (!parsed.success) throw new CryptoInputError('box content is not a valid sealed document');
  return parsed.data;
}

export const TOKEN_BYTES = 32;

/** A fresh secret: a bearer token's bytes. */
export function randomSecret(s: Sodium, bytes: number): Uint8Array {
  return s.randombytes_buf(bytes);
}

/** A bearer token: 32 random bytes, URL-safe base64 without padding. */
export function newBearerToken(s: Sodium): string {
  return s.to_base64(randomSecret(s, TOKEN_BYTES), s.base64_variants.URLSAFE_NO_PADDING);
}

/**
 * A uniform integer in [0, n) from the platform's CSPRNG, for the differential-privacy samplers
 * (src/statistics/discrete-gaussian.ts). Unbiased: rejection sampling on 32-bit words.
 */
export function secureRandomBelow(): (n: bigint) => bigint {
  // Web Crypto's CSPRNG (in Node 20 and every browser), 4 KiB at a time: libsodium's
  // randombytes_buf takes about 10 ms for 4 KiB in this build, and one call per sample would
  // cost more than the sampling itself.
  let pool = new Uint8Array(0);
  let at = 0;
  const word = (): number => {
    if (at + 4 > pool.length) {
      pool = globalThis.crypto.getRandomValues(new Uint8Array(4096));
      at = 0;
    }
    const w =
      (pool[at] ?? 0) * 0x1000000 +
      ((pool[at + 1] ?? 0) << 16) +
      ((pool[at + 2] ?? 0) << 8) +
      (pool[at + 3] ?? 0);
    at += 4;
    return w;
  };
  return (n: bigint): bigint => {
    if (n <= 0n) throw new RangeError('n must be positive');
    if (n <= 0x100000000n) {
      // Rejection below the largest multiple of n that fits in 32 bits keeps it unbiased.
      const m = Number(n);
      const limit = 0x100000000 - (0x100000000 % m);
      for (;;) {
        const w = word();
        if (w < limit) return BigInt(w % m);
      }
    }
    const bits = n.toString(2).length;
    const words = Math.ceil(bits / 32);
    const mask = (1n << BigInt(bits)) - 1n;
    for (;;) {
      let x = 0n;
      for (let i = 0; i < words; i++) x = (x << 32n) | BigInt(word());
      x &= mask;
      if (x < n) return x;
    }
  };
}
