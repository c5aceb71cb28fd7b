import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { organisations } from './schema.ts';

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
