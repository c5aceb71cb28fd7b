// Checks a staff login: throttle first, then the password (always hashed, even for an unknown
// address, so timing tells nothing) in the password pool, then the second factor when one is
// enabled.

import type { Db } from '../../../db/client.ts';
import { recordAudit, recordOwnAction } from '../../../db/repos/audit-repo.ts';
import {
  deleteIdleSessions,
  deleteOtherSessions,
  findStaffByEmail,
  type Staff,
  updateStaff,
} from '../../../db/repos/staff-repo.ts';
import type { ErrorCode } from '../../../src/contract/error-codes.ts';
import type { Login, PasswordChange, StaffView } from '../../../src/contract/staff-schemas.ts';
import { totpStep } from '../../../src/crypto/staff-credentials.ts';
import { SESSION_IDLE_MS } from '../../../src/shared/staff-auth-limits.ts';
import type { LoginThrottle } from '../../guards/login-throttle.ts';
import { ApiError, TryLaterError } from '../../http/errors.ts';
import type { PasswordPool } from './password-pool.ts';

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

/**
 * Runs one password attempt for this e-mail under the throttle, or refuses it while the
 * throttle says to wait.
 */
/** What checking a staff password needs: the store, the pool, the throttle and the clock. */
export type SignInDeps = {
  db: Db;
  passwords: PasswordPool;
  throttle: LoginThrottle;
  now: () => number;
};

async function underThrottle<T>(
  { throttle, now }: SignInDeps,
  email: string,
  attempt: () => Promise<T>,
): Promise<T> {
  const wait = throttle.begin(email, now());
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new TryLaterError(
      429,
      'too_many_attempts',
      `Too many failed attempts; try again in ${seconds} seconds`,
      seconds,
    );
  }
  try {
    return await attempt();
  } finally {
    throttle.end(email);
  }
}

/**
 * `now` is read again once the password has been checked, which can take a while in the pool:
 * a failure's wait then runs from when it was known, not from when the attempt arrived.
 */
export async function checkLogin(deps: SignInDeps, login: Login): Promise<Staff> {
  const { db, passwords, throttle, now } = deps;
  return underThrottle(deps, login.email, async () => {
    // An address may have an account in more than one organisation (schema.ts); the password
    // says which. The checks run side by side in the pool. An unknown e-mail is checked too,
    // against a hash of the same cost, so it takes as long as a known one.
    const accounts = findStaffByEmail(db, login.email);
    const results = await Promise.all(
      accounts.length
        ? accounts.map((a) => passwords.verify(a.passwordHash, login.password))
        : [passwords.verify(null, login.password)],
    );
    const found = accounts.find((_, i) => results[i]);
    // Read again: the account may have been deactivated, or its password changed, while the
    // check waited for the pool. Read for an unknown e-mail too, so both take the same steps.
    const current = findStaffByEmail(db, login.email).find((a) => a.id === found?.id);
    const member = found && current;
    const at = now();
    const fail = (code: ErrorCode, message: string, who: Staff[]): never => {
      throttle.failed(login.email, at);
      for (const m of who)
        recordAudit(db, { orgId: m.orgId, staffId: m.id, action: 'login_failed', at });
      throw new ApiError(401, code, message);
    };
    if (!member?.active || member.passwordHash !== found?.passwordHash) {
      // Each organisation with an account by this address sees the failed attempt on it.
      return fail('invalid_credentials', 'The e-mail or password is not right', accounts);
    }
    if (member.totpEnabled && member.totpSecret) {
      if (!login.totp)
        return fail('totp_required', 'Enter the 6-digit code from your app', [member]);
      const step = totpStep(member.totpSecret, login.totp, at);
      if (step === null || step <= member.totpLastStep) {
        return fail('invalid_totp', 'The 6-digit code is not right', [member]);
      }
      updateStaff(db, member.id, { totpLastStep: step });
    }
    throttle.succeeded(login.email);
    // Sign-ins are rare enough to sweep away sessions that have expired since the last one.
    deleteIdleSessions(db, at - SESSION_IDLE_MS);
    recordOwnAction(db, member, 'login', at);
    return member;
  });
}

/**
 * Changes a member's own password. The current password is checked under the same throttle as
 * sign-in, so a session left open is no shortcut for guessing it; every other session ends.
 */
export async function changePassword(
  deps: SignInDeps,
  member: Staff,
  body: PasswordChange,
  keepSessionHash: string,
): Promise<void> {
  const { db, passwords, throttle, now } = deps;
  await underThrottle(deps, member.email, async () => {
    if (!(await passwords.verify(member.passwordHash, body.currentPassword))) {
      throttle.failed(member.email, now());
      throw new ApiError(403, 'wrong_password', 'The current password is not right');
    }
    const passwordHash = await passwords.hash(body.newPassword);
    updateStaff(db, member.id, { passwordHash });
    deleteOtherSessions(db, member.id, keepSessionHash);
    recordOwnAction(db, member, 'password_changed', now());
  });
}
