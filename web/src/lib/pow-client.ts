// The proof of work a reporter's request pays, so that flooding the service or guessing receipt
// codes costs the sender: ask for a challenge and solve it (src/crypto/pow.ts) in small slices,
// so that typing never stutters. Used by the form's sealer and by the follow-up page.
import { PowChallengeSchema } from '../../../src/contract/schemas.ts';
import { solve } from '../../../src/crypto/pow.ts';
import { loadSodium } from '../../../src/crypto/sodium.ts';
import { api } from './api-client.ts';

export type Proof = { challenge: string; nonce: string };

const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A solved challenge, or null when the service asks for none (difficulty 0). */
export async function proveWork(signal?: AbortSignal): Promise<Proof | null> {
  const sodium = await loadSodium();
  const c = await api('/api/pow', PowChallengeSchema, {
    credentials: 'omit',
    cache: 'no-store',
    signal,
  });
  if (c.difficulty === 0) return null;
  return {
    challenge: c.challenge,
    nonce: await solve(sodium, c.challenge, c.difficulty, yieldToPage),
  };
}
