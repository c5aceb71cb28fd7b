// Staff sign-in, sessions, CSRF, throttling, TOTP and roles, through the real routes.
import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpCode } from '../../src/crypto/staff-credentials.ts';
import { SESSION_IDLE_MS } from '../../src/shared/staff-auth-limits.ts';
import { buildTestApp } from '../helpers/app.ts';
import { addTestStaff, as, signIn } from '../helpers/staff.ts';

let now = new Date('2026-06-01T12:00:00Z').getTime();
const t = await buildTestApp({ clock: () => new Date(now) });
const { app, handle, orgs } = t;
const admin = await addTestStaff(handle, orgs.advocacy, 'admin');
const caseworker = await addTestStaff(handle, orgs.advocacy, 'caseworker');
const analyst = await addTestStaff(handle, orgs.advocacy, 'analyst');

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie whose token is stored only as a hash', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/staff/login',
      payload: { email: caseworker.email, password: caseworker.password },
    });
    expect(res.statusCode).toBe(200);
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/vs_staff=/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).not.toMatch(/Secure/); // no TLS in tests; SECURE_COOKIES adds it
    const token = res.cookies.find((c) => c.name === 'vs_staff')?.value ?? '';
    expect(token.length).toBeGreaterThanOrEqual(43);
    const stored = handle.sqlite.prepare('select token_hash from staff_sessions').all();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(res.json().staff.role).toBe('caseworker');
  });

  it('behind TLS, sends a __Host- cookie marked Secure, which then opens the session', async () => {
    const tls = await buildTestApp({ secureCookies: true });
    const member = await addTestStaff(tls.handle, tls.orgs.advocacy, 'caseworker');
    const res = await tls.app.inject({
      method: 'POST',
      url: '/api/staff/login',
      payload: { email: member.email, password: member.password },
    });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^__Host-vs_staff=/);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/Path=\//);
    const token = res.cookies.find((c) => c.name === '__Host-vs_staff')?.value ?? '';
    const me = await tls.app.inject({
      url: '/api/staff/me',
      headers: { cookie: `__Host-vs_staff=${token}` },
    });
    expect(me.statusCode).toBe(200);
    const plain = await tls.app.inject({
      url: '/api/staff/me',
      headers: { cookie: `vs_staff=${token}` },
    });
    expect(plain.statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown e-mail the same way', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/staff/login',
      payload: { email: admin.email, password: 'no es la clave' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/staff/login',
      payload: { email: 'nadie@ejemplo.example', password: 'no es la clave' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('slows repeated failures with a growing wait, even with the right password', async () => {
    const victim = await addTestStaff(handle, orgs.advocacy, 'caseworker');
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/staff/login',
        payload: { email: victim.email, password },
      });
    for (let i = 0; i < 3; i++) expect((await attempt('mala')).statusCode).toBe(401);
    const blocked = await attempt(victim.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_attempts');
    now += 1500;
    expect((await attempt('mala')).statusCode).toBe(401); // 4th failure: now 2 s
    now += 1500;
    expect((await attempt(victim.password)).statusCode).toBe(429);
    now += 1000;
    expect((await attempt(victim.password)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('reads the session back, with the CSRF token and the wrapped key', async () => {
    const s = await signIn(app, caseworker);
    const me = await app.inject({ url: '/api/staff/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(s.csrf);
    expect(me.json().organisation.id).toBe(orgs.advocacy.id);
    expect(me.json().wrappedKey.v).toBe(1);
  });

  it('refuses a request without a session or with a made-up one', async () => {
    expect((await app.inject({ url: '/api/staff/me' })).statusCode).toBe(401);
    const forged = await app.inject({ url: '/api/staff/me', headers: { cookie: 'vs_staff=abc' } });
    expect(forged.statusCode).toBe(401);
  });

  it('tells the workspace whether it is signed in without a 401 (no console error before sign-in)', async () => {
    const none = await app.inject({ url: '/api/staff/session' });
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ signedIn: false });
    const forged = await app.inject({
      url: '/api/staff/session',
      headers: { cookie: 'vs_staff=abc' },
    });
    expect(forged.json()).toEqual({ signedIn: false });
    const s = await signIn(app, caseworker);
    const yes = await app.inject({ url: '/api/staff/session', headers: { cookie: s.cookie } });
    expect(yes.statusCode).toBe(200);
    expect(yes.json()).toMatchObject({ signedIn: true, csrfToken: s.csrf });
    expect(yes.json().organisation.id).toBe(orgs.advocacy.id);
    // A real 401 elsewhere keeps the documented error shape.
    const me = await app.inject({ url: '/api/staff/me' });
    expect(me.json()).toMatchObject({ error: { code: 'not_signed_in' } });
  });

  it('ends a session left idle, but not one in use', async () => {
    const s = await signIn(app, caseworker);
    now += SESSION_IDLE_MS - 1000;
    expect((await app.inject({ url: '/api/staff/me', headers: as(s) })).statusCode).toBe(200);
    now += SESSION_IDLE_MS - 1000;
    expect((await app.inject({ url: '/api/staff/me', headers: as(s) })).statusCode).toBe(200);
    now += SESSION_IDLE_MS + 1;
    const expired = await app.inject({ url: '/api/staff/me', headers: as(s) });
    expect(expired.statusCode).toBe(401);
  });

  it('logs out: the cookie is cleared and the token no longer works', async () => {
    const s = await signIn(app, caseworker);
    const out = await app.inject({ method: 'POST', url: '/api/staff/logout', headers: as(s) });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/vs_staff=;/);
    expect((await app.inject({ url: '/api/staff/me', headers: as(s) })).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const s = await signIn(app, caseworker);
    const bare = await app.inject({
      method: 'POST',
      url: '/api/staff/logout',
      headers: { cookie: s.cookie },
    });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().error.code).toBe('csrf_failed');
    // Same length, last character changed (overwriting it with a fixed "AA" left the token
    // unchanged whenever it ended so: one run in 4,096).
    const other = s.csrf.endsWith('A') ? 'B' : 'A';
    const wrongToken = `${s.csrf.slice(0, -1)}${other}`;
    expect(wrongToken).not.toBe(s.csrf);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/staff/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': wrongToken },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/staff/me', headers: as(s) })).statusCode).toBe(200);
  });
});

describe('changing one’s password', () => {
  it('needs the current password, ends the other sessions and keeps this one', async () => {
    const member = await addTestStaff(handle, orgs.advocacy, 'caseworker');
    const here = await signIn(app, member);
    const elsewhere = await signIn(app, member);
    const change = (currentPassword: string) =>
      app.inject({
        method: 'PUT',
        url: '/api/staff/me/password',
        headers: as(here),
        payload: { currentPassword, newPassword: 'una clave nueva bastante larga' },
      });
    expect((await change('no es la actual')).statusCode).toBe(403);
    expect((await change(member.password)).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/staff/me', headers: as(here) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/staff/me', headers: as(elsewhere) })).statusCode).toBe(
      401,
    );
    await expect(signIn(app, member)).rejects.toThrow(/401/);
    await signIn(app, { email: member.email, password: 'una clave nueva bastante larga' });
  });
});

describe('TOTP', () => {
  it('once enabled, sign-in needs the current code', async () => {
    const secret = newTotpSecret();
    const member = await addTestStaff(handle, orgs.legal, 'caseworker', { totpSecret: secret });
    const without = await app.inject({
      method: 'POST',
      url: '/api/staff/login',
      payload: { email: member.email, password: member.password },
    });
    expect(without.statusCode).toBe(401);
    expect(without.json().error.code).toBe('totp_required');
    const wrongCode = String((Number(totpCode(secret, now)) + 1) % 1_000_000).padStart(6, '0');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/staff/login',
      payload: { email: member.email, password: member.password, totp: wrongCode },
    });
    expect(bad.statusCode).toBe(401);
    await signIn(app, member, totpCode(secret, now));
    // A code works once: someone who saw it over a shoulder cannot sign in with it again.
    await expect(signIn(app, member, totpCode(secret, now))).rejects.toThrow(/401/);
    now += 30_000;
    await signIn(app, member, totpCode(secret, now));
  });

  it('is set up by the member and confirmed with a code before it is required', async () => {
    const member = await addTestStaff(handle, orgs.legal, 'caseworker');
    const s = await signIn(app, member);
    const setup = await app.inject({ method: 'POST', url: '/api/staff/me/totp', headers: as(s) });
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json() as { secret: string; uri: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const confirm = await app.inject({
      method: 'POST',
      url: '/api/staff/me/totp/confirm',
      headers: as(s),
      payload: { code: totpCode(secret, now) },
    });
    expect(confirm.statusCode).toBe(204);
    await expect(signIn(app, member)).rejects.toThrow(/401/);
  });
});

describe('roles', () => {
  it('only admins manage staff and read the audit log', async () => {
    for (const who of [caseworker, analyst]) {
      const s = await signIn(app, who);
      expect((await app.inject({ url: '/api/org/staff', headers: as(s) })).statusCode).toBe(403);
      expect((await app.inject({ url: '/api/org/audit', headers: as(s) })).statusCode).toBe(403);
    }
    const s = await signIn(app, admin);
    expect((await app.inject({ url: '/api/org/staff', headers: as(s) })).statusCode).toBe(200);
  });

  it('an analyst holds no wrapped key and may not store one', async () => {
    const s = await signIn(app, analyst);
    const me = await app.inject({ url: '/api/staff/me', headers: as(s) });
    expect(me.json().wrappedKey).toBeNull();
    const cw = await signIn(app, caseworker);
    const cwMe = await app.inject({ url: '/api/staff/me', headers: as(cw) });
    const put = await app.inject({
      method: 'PUT',
      url: '/api/staff/me/wrapped-key',
      headers: as(s),
      payload: { wrappedKey: cwMe.json().wrappedKey },
    });
    expect(put.statusCode).toBe(403);
  });

  it('the audit log records sign-ins and staff changes, and no content', async () => {
    const s = await signIn(app, admin);
    const res = await app.inject({ url: '/api/org/audit', headers: as(s) });
    const actions = (res.json().entries as Array<{ action: string }>).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'login_failed', 'logout']));
    expect(res.body).not.toContain(caseworker.password);
  });
});
