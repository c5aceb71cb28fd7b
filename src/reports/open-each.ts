// Opens a list of sealed boxes one at a time. An organisation's public key is public, so anyone
// who solves a proof of work can send a box that holds no report; such a box must come back as
// one item that could not be opened, never take the rest of the list down with it. Pure, for
// the workspace's lists (web/src/workspace) and for tests in Node.
import { CryptoInputError } from '../crypto/sodium.ts';

export type Opened<T, C> =
  | { item: T; content: C; problem: null }
  | { item: T; content: null; problem: string };

/** Runs `open` on every item, in order; a failure is kept with its item instead of thrown. */
export function openEach<T, C>(items: readonly T[], open: (item: T) => C): Array<Opened<T, C>> {
  return items.map((item) => {
    try {
      return { item, content: open(item), problem: null };
    } catch (err) {
      // Only the opener's own messages, which are known to say nothing of what the box holds.
      const problem = err instanceof CryptoInputError ? err.message : 'unexpected error';
      return { item, content: null, problem };
    }
  });
}
