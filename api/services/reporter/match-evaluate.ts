// The server's one step of the oblivious PRF (issue 17): multiply each blinded element by the
// key. It learns nothing of the identifier behind an element, and keeps nothing: no element, no
// answer, no log line, so a number check leaves no trace that it happened.
import { blindEvaluate } from '../../../src/crypto/oprf.ts';
import { CryptoInputError, fromBase64, type Sodium, toBase64 } from '../../../src/crypto/sodium.ts';
import { ApiError } from '../../http/errors.ts';

export function evaluateElements(s: Sodium, key: Uint8Array, elements: string[]): string[] {
  return elements.map((element, i) => {
    try {
      return toBase64(s, blindEvaluate(s, key, fromBase64(s, element)));
    } catch (err) {
      if (!(err instanceof CryptoInputError)) throw err;
      throw new ApiError(400, 'invalid_request', 'An element is not a point of the group', [
        {
          path: `body.elements.${i}`,
          message: 'must be a ristretto255 element other than the identity',
        },
      ]);
    }
  });
}
