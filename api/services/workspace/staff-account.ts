// A signed-in member's own account: the session as the workspace sees it, signing out, the
// wrapped key, and TOTP set-up. Each change is written to the audit log.
import type { Db } from '../../../db/client.ts';
import { recordOwnAction } from '../../../db/repos/audit-repo.ts';
import { findOrganisation } from '../../../db/repos/organisations-repo.ts';
import { type Staff, updateStaff } from '../../../db/repos/staff-repo.ts';
import type {
  SessionView,
  TotpSetup,
  WrappedKeyBody,
} from '../../../src/contract/staff-schemas.ts';
import { WrappedKeySchema } from '../../../src/crypto/key-wrap.ts';
import { newTotpSecret, totpStep, totpUri } from '../../../src/crypto/staff-credentials.ts';
import { ApiError } from '../../http/errors.ts';
import { staffView } from './staff-login.ts';

/** The session as the workspace needs it: who, which organisation, the CSRF token, the key. */
export function sessionView(db: Db, member: Staff, csrfToken: string): SessionView {
  const org = findOrganisation(db, member.orgId);
  if (!org) throw new ApiError(401, 'not_signed_in', 'Please sign in');
  return {
    staff: staffView(member),
    organisation: {
      id: org.id,
      name: org.name,
      role: org.role,
      publicKey: org.publicKey.toString('base64'),
    },
    csrfToken,
    wrappedKey: member.wrappedKey ? WrappedKeySchema.parse(JSON.parse(member.wrappedKey)) : null,
  };
}

export function recordLogout(db: Db, member: Staff, at: number): void {
  recordOwnAction(db, member, 'logout', at);
}

export function saveWrappedKey(db: Db, member: Staff, body: WrappedKeyBody, at: number): void {
  updateStaff(db, member.id, { wrappedKey: JSON.stringify(body.wrappedKey) });
  recordOwnAction(db, member, 'key_rewrapped', at);
}

/** Starts TOTP set-up: a new secret, kept until a code from it is confirmed. */
export function startTotp(db: Db, member: Staff): TotpSetup {
  if (member.totpEnabled) throw new ApiError(400, 'totp_already_enabled', 'TOTP is already on');
  const secret = newTotpSecret();
  updateStaff(db, member.id, { totpSecret: secret });
  return { secret, uri: totpUri(secret, member.email) };
}

/** Turns TOTP on once a code from the new secret is right; that code's step counts as used. */
export function confirmTotp(db: Db, member: Staff, code: string, at: number): void {
  if (!member.totpSecret) throw new ApiError(400, 'totp_not_started', 'Start TOTP set-up first');
  const step = totpStep(member.totpSecret, code, at);
  if (step === null) throw new ApiError(400, 'invalid_totp', 'The 6-digit code is not right');
  updateStaff(db, member.id, { totpEnabled: true, totpLastStep: step });
  recordOwnAction(db, member, 'totp_enabled', at);
}
