// Issues an organisation's release token. Only its SHA-256 is stored, so a lost token cannot be
// shown again: issuing a new one replaces it.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { saveReleaseTokenHash } from '../../db/release-tokens-repo.ts';
import { loadSodium, newBearerToken } from '../../src/crypto.ts';
import { utcDay } from '../../src/months.ts';

/** SHA-256, hex: how a token is stored and looked up (the browser build has no SHA-256). */
export function releaseTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function issueReleaseToken(db: Db, orgId: string, now: Date): Promise<string> {
  const sodium = await loadSodium();
  const token = newBearerToken(sodium);
  saveReleaseTokenHash(db, orgId, releaseTokenHash(token), utcDay(now));
  return token;
}
