// Release tokens: one per organisation, stored only as a SHA-256 hash.
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { releaseTokens } from '../schema.ts';

/** Stores (or replaces) the hash of an organisation's token. */
export function saveReleaseTokenHash(db: Db, orgId: string, tokenHash: string, day: string): void {
  db.insert(releaseTokens)
    .values({ orgId, tokenHash, createdDay: day })
    .onConflictDoUpdate({ target: releaseTokens.orgId, set: { tokenHash, createdDay: day } })
    .run();
}

export function orgForTokenHash(db: Db, tokenHash: string): string | null {
  const row = db
    .select({ orgId: releaseTokens.orgId })
    .from(releaseTokens)
    .where(eq(releaseTokens.tokenHash, tokenHash))
    .get();
  return row?.orgId ?? null;
}
