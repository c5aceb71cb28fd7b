// Releases: frozen, titled selections of a public snapshot's tables.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { meta, releases } from '../schema.ts';

export type ReleaseRow = typeof releases.$inferSelect;

export function insertRelease(db: Db, row: ReleaseRow): void {
  db.insert(releases).values(row).run();
}

export function getRelease(db: Db, id: string): ReleaseRow | null {
  return db.select().from(releases).where(eq(releases.id, id)).get() ?? null;
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
