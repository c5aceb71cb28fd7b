// Releases and the privacy budget ledger. A release and the ε it spends are written in one
// transaction, after checking the budget inside it, so two releases cannot overspend together.
import { asc, eq, sum } from 'drizzle-orm';
import type { Db } from './client.ts';
import { meta, privacyLedger, releases } from './schema.ts';

export type ReleaseRow = typeof releases.$inferSelect;

export type InsertOutcome = { ok: true } | { ok: false; spent: number };

export function epsilonSpent(db: Db, orgId: string): number {
  const row = db
    .select({ total: sum(privacyLedger.epsilon) })
    .from(privacyLedger)
    .where(eq(privacyLedger.orgId, orgId))
    .get();
  return Number(row?.total ?? 0);
}

export function insertRelease(
  db: Db,
  row: ReleaseRow,
  spend: { epsilon: number; budget: number } | null,
): InsertOutcome {
  return db.transaction(
    (tx) => {
      if (spend) {
        const spent = epsilonSpent(tx as unknown as Db, row.orgId);
        // A little slack for floating-point sums of ε.
        if (spent + spend.epsilon > spend.budget + 1e-9) return { ok: false, spent };
      }
      tx.insert(releases).values(row).run();
      if (spend) {
        tx.insert(privacyLedger)
          .values({
            orgId: row.orgId,
            releaseId: row.id,
            epsilon: spend.epsilon,
            day: row.publishedDay,
          })
          .run();
      }
      return { ok: true };
    },
    { behavior: 'immediate' },
  );
}

export function getRelease(db: Db, id: string): ReleaseRow | null {
  return db.select().from(releases).where(eq(releases.id, id)).get() ?? null;
}

export function listReleases(db: Db): ReleaseRow[] {
  return db.select().from(releases).orderBy(asc(releases.publishedDay), asc(releases.id)).all();
}

/** Releases that correct this one (newest last). */
export function correctionsOf(db: Db, id: string): string[] {
  return db
    .select({ id: releases.id })
    .from(releases)
    .where(eq(releases.corrects, id))
    .orderBy(asc(releases.publishedDay), asc(releases.id))
    .all()
    .map((r) => r.id);
}

export function isSyntheticDatabase(db: Db): boolean {
  return db.select().from(meta).where(eq(meta.key, 'synthetic')).get()?.value === 'true';
}
