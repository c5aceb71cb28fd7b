// Sign-in cannot be used to freeze the service. Checking a password (Argon2id) costs 100+ ms of
// CPU, and it used to run on the thread that answers reporters: eight clients signing in with
// made-up e-mails held GET /api/recipients up for seconds. Passwords are now checked in a
// bounded pool of worker threads, each client may try only so often, and past the pool's bound
// sign-in is refused at once. The pool here holds its checks until the test lets them go, so
// every "while" below is a condition the test waits for, never a time.
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { HeldPasswords } from '../helpers/held-passwords.ts';
import { addTestStaff } from '../helpers/staff.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  t = undefined;
});

let fresh = 0;
/** A sign-in with an e-mail no one has, as a flood sends them. */
const newEmail = (): string => `nadie-${++fresh}@flood.example`;

function signIn(
  app: TestApp['app'],
  email: string,
  password = 'una clave cualquiera',
  remoteAddress = '192.0.2.10',
) {
  return app.inject({
    method: 'POST',
    url: '/api/staff/login',
    payload: { email, password },
    remoteAddress,
  });
}

/** Resolves like the request, and says meanwhile whether it has been answered. */
function watched<T>(request: Promise<T>): { done: () => boolean; result: Promise<T> } {
  let done = false;
  const result = request.finally(() => {
    done = true;
  });
  return { done: () => done, result };
}

describe('while sign-ins are being checked', () => {
  it('answers reporters first: their requests do not wait for the password checks', async () => {
    const held = new HeldPasswords({ size: 1, queue: 7 });
    t = await buildTestApp({ passwords: held.pool });
    const app = t.app;
    const signIns = Array.from({ length: 8 }, () => watched(signIn(app, newEmail())));
    // One check is under way in the worker and seven wait for it.
    await expect.poll(() => held.started).toBe(1);
    await expect.poll(() => app.passwords.pending).toBe(8);

    const recipients = await app.inject({ method: 'GET', url: '/api/recipients' });
    expect(recipients.statusCode).toBe(200);
    expect(recipients.json().recipients).toHaveLength(2);
    expect((await app.inject({ method: 'GET', url: '/api/pow' })).statusCode).toBe(200);
    expect(signIns.filter((s) => s.done())).toHaveLength(0);

    held.release();
    for (const res of await Promise.all(signIns.map((s) => s.result))) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_credentials');
    }
    expect(held.checks.unknown).toBe(8);
  });

  it('refuses sign-ins past the pool’s bound at once with 503 and Retry-After, in the error shape', async () => {
    const held = new HeldPasswords({ size: 1, queue: 1 });
    t = await buildTestApp({ passwords: held.pool });
    const app = t.app;
    const member = await addTestStaff(t.handle, t.orgs.advocacy, 'caseworker');
    const first = watched(signIn(app, newEmail()));
    const second = watched(signIn(app, newEmail()));
    await expect.poll(() => app.passwords.pending).toBe(2);

    // Even the right password: nothing about the account is looked at.
    const refused = await signIn(app, member.email, member.password);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(refused.json()).toEqual({
      error: { code: 'passwords_busy', message: expect.any(String) },
    });
    // An unknown e-mail is refused the same way.
    const unknown = await signIn(app, newEmail());
    expect(unknown.statusCode).toBe(503);
    expect(unknown.json()).toEqual(refused.json());
    // Refused before the body is read: a flood of refusals costs the request thread little.
    const unread = await app.inject({
      method: 'POST',
      url: '/api/staff/login',
      headers: { 'content-type': 'application/json' },
      payload: '{ not json',
    });
    expect(unread.statusCode).toBe(503);
    expect(first.done() || second.done()).toBe(false);

    held.release();
    expect((await first.result).statusCode).toBe(401);
    expect((await second.result).statusCode).toBe(401);
    // A refusal was not a failed attempt, and the pool has room again.
    expect((await signIn(app, member.email, member.password)).statusCode).toBe(200);
    expect(held.checks).toEqual({ known: 1, unknown: 2 });
  });

  it('checks one attempt per e-mail at a time, so a burst of guesses cannot outrun the throttle', async () => {
    const held = new HeldPasswords({ size: 1, queue: 8 });
    t = await buildTestApp({ passwords: held.pool });
    const app = t.app;
    const member = await addTestStaff(t.handle, t.orgs.advocacy, 'caseworker');
    const first = watched(signIn(app, member.email, 'adivinanza 0'));
    await expect.poll(() => held.started).toBe(1);
    // Guesses sent while the first is being checked are refused before any check.
    const burst = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => signIn(app, member.email, `adivinanza ${i}`)),
    );
    for (const res of burst) {
      expect(res.statusCode).toBe(429);
      expect(res.json().error.code).toBe('too_many_attempts');
      expect(res.headers['retry-after']).toBe('1');
    }
    expect(first.done()).toBe(false);
    expect(app.passwords.pending).toBe(1);
    held.release();
    expect((await first.result).statusCode).toBe(401);
    // Only the one guess that was checked counts as a failure.
    expect((await signIn(app, member.email, member.password)).statusCode).toBe(200);
    expect(held.checks).toEqual({ known: 2, unknown: 0 });
  });
});

describe('per client', () => {
  it('limits sign-in attempts per client with 429 and Retry-After; another client is not affected', async () => {
    const held = new HeldPasswords({ queue: 8 });
    held.release();
    t = await buildTestApp({ passwords: held.pool, config: { rateLimitSignIns: 3 } });
    const app = t.app;
    const member = await addTestStaff(t.handle, t.orgs.advocacy, 'caseworker');
    for (let i = 0; i < 3; i++) {
      expect((await signIn(app, newEmail(), 'x', '192.0.2.1')).statusCode).toBe(401);
    }
    const limited = await signIn(app, newEmail(), 'x', '192.0.2.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({
      error: { code: 'rate_limited', message: expect.any(String) },
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Refused before any password is checked.
    expect(held.started).toBe(3);
    // The same client with the right password is refused too; another client is not.
    expect((await signIn(app, member.email, member.password, '192.0.2.1')).statusCode).toBe(429);
    expect((await signIn(app, member.email, member.password, '192.0.2.2')).statusCode).toBe(200);
    expect(held.started).toBe(4);
  });
});

describe('answers as before', () => {
  it('with the real password workers: signs in with the right password, refuses a wrong one, and answers an unknown e-mail identically', async () => {
    t = await buildTestApp();
    const member = await addTestStaff(t.handle, t.orgs.advocacy, 'admin');
    const ok = await signIn(t.app, member.email, member.password);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().staff.email).toBe(member.email);
    expect(ok.cookies.find((c) => c.name === 'vs_staff')).toBeDefined();

    const wrong = await signIn(t.app, member.email, 'no es la clave');
    const unknown = await signIn(t.app, newEmail(), 'no es la clave');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('costs an unknown e-mail the same work as a known one: one full password check each', async () => {
    const held = new HeldPasswords({ queue: 8 });
    held.release();
    t = await buildTestApp({ passwords: held.pool });
    const member = await addTestStaff(t.handle, t.orgs.advocacy, 'caseworker');
    const wrong = await signIn(t.app, member.email, 'no es la clave');
    const unknown = await signIn(t.app, newEmail(), 'no es la clave');
    expect(wrong.json()).toEqual(unknown.json());
    expect(held.checks).toEqual({ known: 1, unknown: 1 });
  });
});
