// Staff accounts for API tests, made the way the CLI and the admin's browser make them, and a
// signed-in session (cookie plus CSRF token) to send requests with.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../../db/client.ts';
import { insertStaff } from '../../db/repos/staff-repo.ts';
import { wrapSecretKey } from '../../src/crypto/key-wrap.ts';
import { loadSodium } from '../../src/crypto/sodium.ts';
import { hashPassword } from '../../src/crypto/staff-credentials.ts';
import type { StaffRole } from '../../src/shared/staff-roles.ts';
import type { TestOrg } from './app.ts';

export const PASSPHRASE = 'frase de prueba muy larga';

export type TestStaff = { id: string; email: string; password: string; role: StaffRole };

export async function addTestStaff(
  handle: DbHandle,
  org: TestOrg,
  role: StaffRole,
  extra: { totpSecret?: string } = {},
): Promise<TestStaff> {
  const sodium = await loadSodium();
  const id = randomUUID();
  const email = `${role}-${id.slice(0, 8)}@${org.id}.example`;
  const password = `clave-${id}`;
  insertStaff(handle.db, {
    id,
    orgId: org.id,
    email,
    name: `${role} (ficticio)`,
    role,
    passwordHash: hashPassword(sodium, password),
    wrappedKey:
      role === 'analyst' ? null : JSON.stringify(wrapSecretKey(sodium, org.secretKey, PASSPHRASE)),
    totpSecret: extra.totpSecret ?? null,
    totpEnabled: extra.totpSecret !== undefined,
    createdDay: '2026-01-01',
  });
  return { id, email, password, role };
}

export type Session = { cookie: string; csrf: string };

export async function signIn(
  app: FastifyInstance,
  who: { email: string; password: string },
  totp?: string,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/staff/login',
    payload: { email: who.email, password: who.password, ...(totp ? { totp } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'vs_staff');
  if (!cookie) throw new Error('no session cookie');
  return {
    cookie: `vs_staff=${cookie.value}`,
    csrf: (res.json() as { csrfToken: string }).csrfToken,
  };
}

/** Headers for a signed-in request; GETs need no CSRF token, but sending it does no harm. */
export function as(session: Session): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrf };
}
