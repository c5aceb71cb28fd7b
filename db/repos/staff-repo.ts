// Staff accounts and their sessions. Session tokens arrive here already hashed.
import { and, eq, lt, ne } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { staff, staffSessions } from '../schema.ts';

export type Staff = typeof staff.$inferSelect;
export type NewStaff = typeof staff.$inferInsert;
export type StaffRole = Staff['role'];

export function insertStaff(db: Db, member: NewStaff): void {
  db.insert(staff).values(member).run();
}

/**
 * Every account with this e-mail, one per organisation at most (an address is unique within an
 * organisation only: schema.ts), in a fixed order.
 */
export function findStaffByEmail(db: Db, email: string): Staff[] {
  return db.select().from(staff).where(eq(staff.email, email)).orderBy(staff.id).all();
}

/** The account with this e-mail in one organisation, if any. */
export function findStaffInOrg(db: Db, orgId: string, email: string): Staff | undefined {
  return db
    .select()
    .from(staff)
    .where(and(eq(staff.orgId, orgId), eq(staff.email, email)))
    .get();
}

export function findStaff(db: Db, id: string): Staff | undefined {
  return db.select().from(staff).where(eq(staff.id, id)).get();
}

export function listStaff(db: Db, orgId: string): Staff[] {
  return db.select().from(staff).where(eq(staff.orgId, orgId)).orderBy(staff.email).all();
}

export function updateStaff(
  db: Db,
  id: string,
  changes: Partial<
    Pick<
      Staff,
      | 'passwordHash'
      | 'wrappedKey'
      | 'totpSecret'
      | 'totpEnabled'
      | 'totpLastStep'
      | 'active'
      | 'role'
    >
  >,
): void {
  db.update(staff).set(changes).where(eq(staff.id, id)).run();
}

export function insertSession(db: Db, tokenHash: string, staffId: string, now: number): void {
  db.insert(staffSessions).values({ tokenHash, staffId, createdAt: now, lastSeenAt: now }).run();
}

export function findSession(
  db: Db,
  tokenHash: string,
): (typeof staffSessions.$inferSelect & { member: Staff }) | undefined {
  const row = db
    .select()
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(eq(staffSessions.tokenHash, tokenHash))
    .get();
  return row ? { ...row.staff_sessions, member: row.staff } : undefined;
}

export function touchSession(db: Db, tokenHash: string, now: number): void {
  db.update(staffSessions)
    .set({ lastSeenAt: now })
    .where(eq(staffSessions.tokenHash, tokenHash))
    .run();
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash)).run();
}

export function deleteSessionsOf(db: Db, staffId: string): void {
  db.delete(staffSessions).where(eq(staffSessions.staffId, staffId)).run();
}

export function deleteOtherSessions(db: Db, staffId: string, keepTokenHash: string): void {
  db.delete(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), ne(staffSessions.tokenHash, keepTokenHash)))
    .run();
}

export function deleteIdleSessions(db: Db, idleBefore: number): void {
  db.delete(staffSessions).where(lt(staffSessions.lastSeenAt, idleBefore)).run();
}
