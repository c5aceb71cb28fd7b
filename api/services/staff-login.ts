// Checks a staff login: throttle first, then the password (always hashed, even for an unknown
// address, so timing tells nothing), then the second factor when one is enabled.
import { recordAudit } from '../../db/audit-repo.ts';
import type { Db } from '../../db/client.ts';
import {
  deleteIdleSessions,
  deleteOtherSessions,
  findStaffByEmail,
  type Staff,
  updateStaff,
} from '../../db/staff-repo.ts';
import { loadSodium } from '../../src/crypto.ts';
import { dummyPasswordHash, hashPassword, totpStep, verifyPassword } from '../../src/staff-auth.ts';
import { SESSION_IDLE_MS } from '../../src/staff-auth-limits.ts';
import type { Login, PasswordChange, StaffView } from '../../src/staff-schemas.ts';
import { ApiError } from '../errors.ts';
import type { LoginThrottle } from '../login-throttle.ts';

export function staffView(m: Staff): StaffView {
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.role,
    active: m.active,
    totpEnabled: m.totpEnabled,
  };
}

function refuseWhileThrottled(throttle: LoginThrottle, email: string, now: number): void {
  const wait = throttle.waitFor(email, now);
  if (wait > 0) {
    throw new ApiError(
      429,
      'too_many_attempts',
      `Too many failed attempts; try again in ${Math.ceil(wait / 1000)} seconds`,
    );
  }
}

export async function checkLogin(
  db: Db,
  throttle: LoginThrottle,
  login: Login,
  now: number,
): Promise<Staff> {
  refuseWhileThrottled(throttle, login.email, now);
  const sodium = await loadSodium();
  const member = findStaffByEmail(db, login.email);
  const passwordOk = verifyPassword(
    sodium,
    member?.passwordHash ?? dummyPasswordHash(sodium),
    login.password,
  );
  const fail = (code: string, message: string): never => {
    throttle.failed(login.email, now);
    if (member)
      recordAudit(db, { orgId: member.orgId, staffId: member.id, action: 'login_failed', at: now });
    throw new ApiError(401, code, message);
  };
  if (!member || !passwordOk || !member.active) {
    return fail('invalid_credentials', 'The e-mail or password is not right');
  }
  if (member.totpEnabled && member.totpSecret) {
    if (!login.totp) return fail('totp_required', 'Enter the 6-digit code from your app');
    const step = totpStep(member.totpSecret, login.totp, now);
    if (step === null || step <= member.totpLastStep) {
      return fail('invalid_totp', 'The 6-digit code is not right');
    }
    updateStaff(db, member.id, { totpLastStep: step });
  }
  throttle.succeeded(login.email);
  // Sign-ins are rare enough to sweep away sessions that have expired since the last one.
  deleteIdleSessions(db, now - SESSION_IDLE_MS);
  recordAudit(db, { orgId: member.orgId, staffId: member.id, action: 'login', at: now });
  return member;
}

/**
 * Changes a member's own password. The current password is checked under the same throttle as
 * sign-in, so a session left open is no shortcut for guessing it; every other session ends.
 */
export async function changePassword(
  db: Db,
  throttle: LoginThrottle,
  member: Staff,
  body: PasswordChange,
  keepSessionHash: string,
  now: number,
): Promise<void> {
  refuseWhileThrottled(throttle, member.email, now);
  const sodium = await loadSodium();
  if (!verifyPassword(sodium, member.passwordHash, body.currentPassword)) {
    throttle.failed(member.email, now);
    throw new ApiError(403, 'wrong_password', 'The current password is not right');
  }
  updateStaff(db, member.id, { passwordHash: hashPassword(sodium, body.newPassword) });
  deleteOtherSessions(db, member.id, keepSessionHash);
  recordAudit(db, { orgId: member.orgId, staffId: member.id, action: 'password_changed', at: now });
}
