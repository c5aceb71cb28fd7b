// Issues an organisation's release token. Only its SHA-256 is stored (releaseTokenHash), so a
// lost token cannot be shown again: issuing a new one replaces it.
import type { Db } from '../../../db/client.ts';
import { saveReleaseTokenHash } from '../../../db/repos/release-tokens-repo.ts';
import { releaseTokenHash } from '../../../src/crypto/secret-hash.ts';
import { newBearerToken, type Sodium } from '../../../src/crypto/sodium.ts';
import { utcDay } from '../../../src/shared/months.ts';

export function issueReleaseToken(sodium: Sodium, db: Db, orgId: string, now: Date): string {
  const token = newBearerToken(sodium);
  saveReleaseTokenHash(db, orgId, releaseTokenHash(sodium, token), utcDay(now));
  return token;
}
