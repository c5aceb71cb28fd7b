import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { organisations } from '../schema.ts';

export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;

export function listOrganisations(db: Db): Organisation[] {
  return db.select().from(organisations).orderBy(organisations.id).all();
}

export function findOrganisation(db: Db, id: string): Organisation | undefined {
  return db.select().from(organisations).where(eq(organisations.id, id)).get();
}

export function insertOrganisation(db: Db, org: NewOrganisation): void {
  db.insert(organisations).values(org).run();
}

const ROLE_LOOKUP = new WeakMap<
  Database.Database,
  Database.Statement<[string], { role: string }>
>();

/** The roles of the named organisations that exist (checked on every submission, so prepared once). */
export function recipientRoles(db: Db, ids: readonly string[]): Map<string, string> {
  let lookup = ROLE_LOOKUP.get(db.$client);
  if (!lookup) {
    lookup = db.$client.prepare('select role from organisations where id = ?');
    ROLE_LOOKUP.set(db.$client, lookup);
  }
  const roles = new Map<string, string>();
  for (const id of ids) {
    const row = lookup.get(id);
    if (row) roles.set(id, row.role);
  }
  return roles;
}
