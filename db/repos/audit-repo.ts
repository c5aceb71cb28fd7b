// The audit log: who did what to which report or staff member, and when. Never content.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog } from '../schema.ts';

export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'totp_enabled',
  'password_changed',
  'key_rewrapped',
  'staff_added',
  'staff_deactivated',
  'reports_listed',
  'report_opened',
  'status_changed',
  'case_status_changed',
  'note_added',
  'reply_sent',
  'intake_printed',
  'audit_read',
  'exact_stats_query',
  'exact_stats_export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  orgId: string;
  staffId: string | null;
  action: AuditAction;
  reportId?: string | null;
  subjectStaffId?: string | null;
  at: number;
};

export function recordAudit(db: Db, entry: AuditEntry): void {
  db.insert(auditLog).values(entry).run();
}

/** Records something a staff member did to their own account or session. */
export function recordOwnAction(
  db: Db,
  member: { orgId: string; id: string },
  action: AuditAction,
  at: number,
): void {
  recordAudit(db, { orgId: member.orgId, staffId: member.id, action, at });
}

export function listAudit(db: Db, orgId: string, limit = 500): Array<typeof auditLog.$inferSelect> {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.orgId, orgId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}
