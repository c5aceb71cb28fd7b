// From an identifier's canonical form (src/crypto/identifiers.ts) to the tag stored with a report,
// through the oblivious PRF (src/crypto/oprf.ts). The browser blinds, the server evaluates, the
// browser finishes: the server sees a random-looking point, never the identifier nor its hash.
import { TAG_BYTES } from '../contract/schemas.ts';
import { blind, evaluate, finalize } from './oprf.ts';
import type { Sodium } from './sodium.ts';

const encoder = new TextEncoder();

export type Blinded = { input: Uint8Array; blind: Uint8Array; element: Uint8Array };

/** Step 1, in the browser: a blinded element for `canonical` (e.g. "phone:+51987654321"). */
export function blindIdentifier(s: Sodium, canonical: string): Blinded {
  const input = encoder.encode(canonical);
  const { blind: secret, blindedElement } = blind(s, input);
  return { input, blind: secret, element: blindedElement };
}

/** Step 3, in the browser: the tag from the server's evaluated element. */
export function finishTag(s: Sodium, blinded: Blinded, evaluated: Uint8Array): Uint8Array {
  return finalize(s, blinded.input, blinded.blind, evaluated).slice(0, TAG_BYTES);
}

/** The tag of `canonical` under `key`, computed in one step (tests; see oprf.ts evaluate). */
export function tagWithKey(s: Sodium, key: Uint8Array, canonical: string): Uint8Array {
  return evaluate(s, key, encoder.encode(canonical)).slice(0, TAG_BYTES);
}
