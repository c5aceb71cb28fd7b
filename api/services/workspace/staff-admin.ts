// An admin's staff changes. The new member's wrapped key was made in the admin's browser; the
// server cannot check what is inside it and never sees the key or the passphrase.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { listAudit, recordAudit, recordOwnAction } from '../../../db/repos/audit-repo.ts';
import {
  deleteSessionsOf,
  findStaff,
  findStaffInOrg,
  insertStaff,
  listStaff,
  type Staff,
  updateStaff,
} from '../../../db/repos/staff-repo.ts';
import type { AuditList, NewStaffBody, StaffList } from '../../../src/contract/staff-schemas.ts';
import { utcDay } from '../../../src/shared/months.ts';
import { ApiError } from '../../http/errors.ts';
import type { PasswordPool } from './password-pool.ts';
import { staffView } from './staff-login.ts';

export function staffOf(db: Db, admin: Staff): StaffList {
  return { staff: listStaff(db, admin.orgId).map(staffView) };
}

/** The organisation's audit log; reading it is itself recorded first. */
export function readAudit(db: Db, admin: Staff, at: number): AuditList {
  recordOwnAction(db, admin, 'audit_read', at);
  return {
    entries: listAudit(db, admin.orgId).map((e) => ({
      at: new Date(e.at).toISOString(),
      staffId: e.staffId,
      action: e.action,
      reportId: e.reportId,
      subjectStaffId: e.subjectStaffId,
    })),
  };
}

export async function addStaff(
  db: Db,
  passwords: PasswordPool,
  admin: Staff,
  body: NewStaffBody,
  now: Date,
): Promise<Staff> {
  const passwordHash = await passwords.hash(body.password);
  // Checked after the last await, so no other request can take the address in between.
  // Only this organisation's own accounts count: refusing an address another organisation uses
  // told this one's administrator who works there (security review). The same address may
  // have an account in each organisation; sign-in tells them apart by the password.
  if (findStaffInOrg(db, admin.orgId, body.email)) {
    throw new ApiError(
      409,
      'email_taken',
      'Someone in your organisation already uses this e-mail address',
    );
  }
  const id = randomUUID();
  insertStaff(db, {
    id,
    orgId: admin.orgId,
    email: body.email,
    name: body.name,
    role: body.role,
    passwordHash,
    wrappedKey: body.wrappedKey ? JSON.stringify(body.wrappedKey) : null,
    createdDay: utcDay(now),
  });
  recordAudit(db, {
    orgId: admin.orgId,
    staffId: admin.id,
    action: 'staff_added',
    subjectStaffId: id,
    at: now.getTime(),
  });
  const created = findStaff(db, id);
  if (!created) throw new Error('staff member vanished after insert');
  return created;
}

export function deactivateStaff(db: Db, admin: Staff, staffId: string, now: Date): void {
  const member = findStaff(db, staffId);
  // Another organisation's member is treated as absent: nothing about them is revealed.
  if (!member || member.orgId !== admin.orgId) {
    throw new ApiError(404, 'not_found', 'No such staff member');
  }
  if (member.id === admin.id) {
    throw new ApiError(409, 'cannot_deactivate_self', 'You cannot deactivate your own account');
  }
  updateStaff(db, staffId, { active: false, wrappedKey: null });
  deleteSessionsOf(db, staffId);
  recordAudit(db, {
    orgId: admin.orgId,
    staffId: admin.id,
    action: 'staff_deactivated',
    subjectStaffId: staffId,
    at: now.getTime(),
  });
}
