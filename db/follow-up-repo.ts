// Follow-up keys: the hash of the reporter's lookup token and their reply public key.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from './client.ts';
import { reportFollowUps } from './schema.ts';

export function insertFollowUp(
  db: Db,
  row: { reportId: string; lookupHash: string; replyPublicKey: Buffer },
): void {
  db.insert(reportFollowUps).values(row).run();
}

export function findFollowUpByLookup(
  db: Db,
  lookupHash: string,
): typeof reportFollowUps.$inferSelect | undefined {
  return db.select().from(reportFollowUps).where(eq(reportFollowUps.lookupHash, lookupHash)).get();
}

export function lookupHashTaken(db: Db, lookupHash: string): boolean {
  return findFollowUpByLookup(db, lookupHash) !== undefined;
}

export function replyKeysFor(db: Db, reportIds: readonly string[]): Map<string, Buffer> {
  if (!reportIds.length) return new Map();
  const rows = db
    .select()
    .from(reportFollowUps)
    .where(inArray(reportFollowUps.reportId, [...reportIds]))
    .all();
  return new Map(rows.map((r) => [r.reportId, r.replyPublicKey]));
}
