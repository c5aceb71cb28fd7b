// The oblivious PRF of RFC 9497, base mode (mode 0), ciphersuite ristretto255-SHA512, built only
// on libsodium so that the browser and the server compute exactly the same function.
//
// Why an OPRF: a perpetrator's phone number or plate has so little entropy that any plain or keyed
// hash the browser could compute alone would let whoever holds the database test guesses. Here
// the browser blinds the identifier, the server multiplies by a key that is kept outside the
// database, and the browser unblinds: the server never sees the identifier, and the stored tags
// cannot be tested without asking the key holder (see issue 17).
import { CryptoInputError, type Sodium } from './sodium.ts';

export const ELEMENT_BYTES = 32;
export const SCALAR_BYTES = 32;
export const OUTPUT_BYTES = 64;
/** RFC 9497 frames the input with a two-byte length. */
export const MAX_INPUT_BYTES = 0xffff;

const MODE_OPRF = 0;
const SUITE_IDENTIFIER = 'ristretto255-SHA512';
const encoder = new TextEncoder();

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** I2OSP: a big-endian unsigned integer of `length` bytes. */
function i2osp(value: number, length: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value >= 256 ** length) {
    throw new RangeError(`${value} does not fit in ${length} bytes`);
  }
  const out = new Uint8Array(length);
  for (let i = length - 1, v = value; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v % 256;
  return out;
}

/** contextString = "OPRFV1-" || I2OSP(mode, 1) || "-" || identifier (RFC 9497 section 3.1). */
const CONTEXT_STRING = concat(
  encoder.encode('OPRFV1-'),
  i2osp(MODE_OPRF, 1),
  encoder.encode(`-${SUITE_IDENTIFIER}`),
);
const HASH_TO_GROUP_DST = concat(encoder.encode('HashToGroup-'), CONTEXT_STRING);
const HASH_TO_SCALAR_DST = concat(encoder.encode('HashToScalar-'), CONTEXT_STRING);
const DERIVE_KEY_PAIR_DST = concat(encoder.encode('DeriveKeyPair'), CONTEXT_STRING);
const FINALIZE_LABEL = encoder.encode('Finalize');

// SHA-512: b_in_bytes = 64, s_in_bytes (the block size) = 128.
const HASH_BYTES = 64;
const HASH_BLOCK_BYTES = 128;

/** expand_message_xmd with SHA-512 (RFC 9380 section 5.3.1). */
export function expandMessageXmd(
  s: Sodium,
  msg: Uint8Array,
  dst: Uint8Array,
  lenInBytes: number,
): Uint8Array {
  const ell = Math.ceil(lenInBytes / HASH_BYTES);
  // The oversize-DST rule of section 5.3.3 is not needed: every DST here is short.
  if (ell > 255 || lenInBytes < 1 || lenInBytes > 0xffff || dst.length > 255) {
    throw new RangeError('expand_message_xmd: length or DST out of range');
  }
  const dstPrime = concat(dst, i2osp(dst.length, 1));
  const b0 = s.crypto_hash_sha512(
    concat(new Uint8Array(HASH_BLOCK_BYTES), msg, i2osp(lenInBytes, 2), i2osp(0, 1), dstPrime),
  );
  const blocks: Uint8Array[] = [s.crypto_hash_sha512(concat(b0, i2osp(1, 1), dstPrime))];
  for (let i = 2; i <= ell; i++) {
    const previous = blocks[blocks.length - 1] ?? new Uint8Array(HASH_BYTES);
    const mixed = b0.map((byte, j) => byte ^ (previous[j] ?? 0));
    blocks.push(s.crypto_hash_sha512(concat(mixed, i2osp(i, 1), dstPrime)));
  }
  return concat(...blocks).slice(0, lenInBytes);
}

/** hash_to_ristretto255 (RFC 9380 appendix B): 64 uniform bytes through the one-way map. */
function hashToGroup(s: Sodium, input: Uint8Array): Uint8Array {
  return s.crypto_core_ristretto255_from_hash(
    expandMessageXmd(s, input, HASH_TO_GROUP_DST, HASH_BYTES),
  );
}

/** HashToScalar: 64 uniform bytes read little-endian and reduced modulo the group order. */
function hashToScalar(s: Sodium, input: Uint8Array, dst = HASH_TO_SCALAR_DST): Uint8Array {
  return s.crypto_core_ristretto255_scalar_reduce(expandMessageXmd(s, input, dst, HASH_BYTES));
}

function isZero(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * DeserializeScalar plus a non-zero check: exactly 32 bytes, below the group order. libsodium's
 * scalar multiplication would silently reduce a non-canonical scalar, so it is checked here.
 */
function checkScalar(s: Sodium, scalar: Uint8Array, what: string): void {
  if (!(scalar instanceof Uint8Array) || scalar.length !== SCALAR_BYTES) {
    throw new CryptoInputError(`${what} must be ${SCALAR_BYTES} bytes`);
  }
  const reduced = s.crypto_core_ristretto255_scalar_reduce(concat(scalar, new Uint8Array(32)));
  if (!bytesEqual(reduced, scalar)) throw new CryptoInputError(`${what} is not a canonical scalar`);
  if (isZero(scalar)) throw new CryptoInputError(`${what} must not be zero`);
}

/**
 * DeserializeElement (RFC 9497 section 4.1): a canonical ristretto255 encoding that is not the
 * identity. libsodium's is_valid_point accepts the identity (all zeros, its only encoding), so
 * that is refused here.
 */
function checkElement(s: Sodium, element: Uint8Array, what: string): void {
  if (!(element instanceof Uint8Array) || element.length !== ELEMENT_BYTES) {
    throw new CryptoInputError(`${what} must be ${ELEMENT_BYTES} bytes`);
  }
  if (!s.crypto_core_ristretto255_is_valid_point(element)) {
    throw new CryptoInputError(`${what} is not a ristretto255 element`);
  }
  if (isZero(element)) throw new CryptoInputError(`${what} is the identity element`);
}

function checkInput(input: Uint8Array): void {
  if (!(input instanceof Uint8Array) || input.length > MAX_INPUT_BYTES) {
    throw new CryptoInputError(`the input must be at most ${MAX_INPUT_BYTES} bytes`);
  }
}

/** Scalar multiplication; libsodium refuses an identity result, which is an input error here. */
function multiply(s: Sodium, scalar: Uint8Array, element: Uint8Array): Uint8Array {
  try {
    return s.crypto_scalarmult_ristretto255(scalar, element);
  } catch {
    throw new CryptoInputError('the product is the identity element');
  }
}

export interface OprfKeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

/** A fresh server key: a uniform non-zero scalar. */
export function randomKey(s: Sodium): Uint8Array {
  return s.crypto_core_ristretto255_scalar_random();
}

/** DeriveKeyPair (RFC 9497 section 3.2.1): a key pair determined by a 32-byte seed and an info. */
export function deriveKeyPair(s: Sodium, seed: Uint8Array, info: Uint8Array): OprfKeyPair {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new CryptoInputError('the seed must be 32 bytes');
  }
  if (!(info instanceof Uint8Array) || info.length > 0xffff) {
    throw new CryptoInputError('the info must be at most 65535 bytes');
  }
  const deriveInput = concat(seed, i2osp(info.length, 2), info);
  for (let counter = 0; counter <= 255; counter++) {
    const secretKey = hashToScalar(s, concat(deriveInput, i2osp(counter, 1)), DERIVE_KEY_PAIR_DST);
    if (!isZero(secretKey)) {
      return { secretKey, publicKey: s.crypto_scalarmult_ristretto255_base(secretKey) };
    }
  }
  throw new CryptoInputError('DeriveKeyPair found no key for this seed');
}

export interface BlindResult {
  /** The client's secret; kept in memory until finalize, never sent. */
  blind: Uint8Array;
  /** What the client sends to the server. */
  blindedElement: Uint8Array;
}

/**
 * Client, step 1 (RFC 9497 section 3.3.1). `fixedBlind` exists only for the RFC's known-answer
 * tests; every real caller lets the blind be drawn at random, or the server could link requests.
 */
export function blind(s: Sodium, input: Uint8Array, fixedBlind?: Uint8Array): BlindResult {
  checkInput(input);
  const blindScalar = fixedBlind ?? s.crypto_core_ristretto255_scalar_random();
  checkScalar(s, blindScalar, 'the blind');
  const inputElement = hashToGroup(s, input);
  if (isZero(inputElement)) throw new CryptoInputError('the input hashes to the identity');
  return { blind: blindScalar, blindedElement: multiply(s, blindScalar, inputElement) };
}

/**
 * Server (RFC 9497 section 3.3.1). The blinded element comes from an untrusted client: anything
 * that is not a non-identity ristretto255 element is a CryptoInputError, which the route answers
 * with 400.
 */
export function blindEvaluate(
  s: Sodium,
  secretKey: Uint8Array,
  blindedElement: Uint8Array,
): Uint8Array {
  checkScalar(s, secretKey, 'the server key');
  checkElement(s, blindedElement, 'the blinded element');
  return multiply(s, secretKey, blindedElement);
}

/** Client, step 2 (RFC 9497 section 3.3.1): unblind and hash into the 64-byte PRF output. */
export function finalize(
  s: Sodium,
  input: Uint8Array,
  blindScalar: Uint8Array,
  evaluatedElement: Uint8Array,
): Uint8Array {
  checkInput(input);
  checkScalar(s, blindScalar, 'the blind');
  checkElement(s, evaluatedElement, 'the evaluated element');
  const unblinded = multiply(
    s,
    s.crypto_core_ristretto255_scalar_invert(blindScalar),
    evaluatedElement,
  );
  return s.crypto_hash_sha512(
    concat(i2osp(input.length, 2), input, i2osp(unblinded.length, 2), unblinded, FINALIZE_LABEL),
  );
}

/**
 * Server, with the input in hand (RFC 9497 section 3.3.1, Evaluate): the same output as blind,
 * blindEvaluate and finalize together. The service never calls it, since it never sees an input:
 * it exists so that tests can compute a tag apart from the browser's path, and to state exactly
 * what a holder of both the key and the database can do (test one guessed identifier).
 */
export function evaluate(s: Sodium, secretKey: Uint8Array, input: Uint8Array): Uint8Array {
  checkInput(input);
  checkScalar(s, secretKey, 'the server key');
  const issued = multiply(s, secretKey, hashToGroup(s, input));
  return s.crypto_hash_sha512(
    concat(i2osp(input.length, 2), input, i2osp(issued.length, 2), issued, FINALIZE_LABEL),
  );
}
