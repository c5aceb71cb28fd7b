// An admin adds a caseworker by wrapping the org key in their own browser; the new member
// unwraps it with the passphrase they were given and can re-wrap it under their own.
import { describe, expect, it } from 'vitest';
import { unwrapSecretKey, wrapSecretKey } from '../../src/crypto/key-wrap.ts';
import { loadSodium } from '../../src/crypto/sodium.ts';
import { utcDay } from '../../src/shared/months.ts';
import { buildTestApp } from '../helpers/app.ts';
import { publishTestSnapshot } from '../helpers/snapshots.ts';
import { addTestStaff, as, PASSPHRASE, signIn } from '../helpers/staff.ts';

const sodium = await loadSodium();
const { app, handle, orgs } = await buildTestApp();
const admin = await addTestStaff(handle, orgs.advocacy, 'admin');
const otherAdmin = await addTestStaff(handle, orgs.legal, 'admin');

async function adminAdds(role: 'caseworker' | 'analyst', passphrase: string) {
  const s = await signIn(app, admin);
  const me = await app.inject({ url: '/api/staff/me', headers: as(s) });
  // What the admin's browser does: unwrap with the admin's passphrase, wrap for the newcomer.
  const orgKey = unwrapSecretKey(sodium, me.json().wrappedKey, PASSPHRASE);
  const email = `nuevo-${role}-${Math.random().toString(36).slice(2)}@test-advocacy.example`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/org/staff',
    headers: as(s),
    payload: {
      email,
      name: 'Persona nueva (ficticia)',
      role,
      password: 'clave inicial larga',
      ...(role === 'analyst' ? {} : { wrappedKey: wrapSecretKey(sodium, orgKey, passphrase) }),
    },
  });
  return { res, email, session: s };
}

describe('adding staff', () => {
  it('the new caseworker signs in and unwraps the organisation key in their browser', async () => {
    const { res, email } = await adminAdds('caseworker', 'frase inicial para ti');
    expect(res.statusCode).toBe(201);
    const s = await signIn(app, { email, password: 'clave inicial larga' });
    const me = await app.inject({ url: '/api/staff/me', headers: as(s) });
    const key = unwrapSecretKey(sodium, me.json().wrappedKey, 'frase inicial para ti');
    expect(sodium.memcmp(key, orgs.advocacy.secretKey)).toBe(true);

    // A passphrase change re-wraps; the old passphrase stops working.
    const put = await app.inject({
      method: 'PUT',
      url: '/api/staff/me/wrapped-key',
      headers: as(s),
      payload: { wrappedKey: wrapSecretKey(sodium, key, 'mi propia frase secreta') },
    });
    expect(put.statusCode).toBe(204);
    const after = await app.inject({ url: '/api/staff/me', headers: as(s) });
    expect(() =>
      unwrapSecretKey(sodium, after.json().wrappedKey, 'frase inicial para ti'),
    ).toThrow();
    const again = unwrapSecretKey(sodium, after.json().wrappedKey, 'mi propia frase secreta');
    expect(sodium.memcmp(again, orgs.advocacy.secretKey)).toBe(true);
  });

  it('an analyst is added without a key, and a caseworker cannot be added without one', async () => {
    expect((await adminAdds('analyst', '')).res.statusCode).toBe(201);
    const s = await signIn(app, admin);
    const res = await app.inject({
      method: 'POST',
      url: '/api/org/staff',
      headers: as(s),
      payload: {
        email: 'sin-llave@x.example',
        name: 'X',
        role: 'caseworker',
        password: 'clave inicial larga',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('body.wrappedKey');
  });

  it('refuses an e-mail its own organisation uses, and says nothing of other organisations', async () => {
    const s = await signIn(app, admin);
    const add = (email: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/org/staff',
        headers: as(s),
        payload: { email, name: 'Persona (ficticia)', role: 'analyst', password },
      });
    const own = await add(admin.email, 'clave inicial larga');
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('email_taken');
    // The address of another organisation's admin: it used to get 409 email_taken, which told
    // this admin who works there. Now it is an account of this organisation like any other.
    const shared = await add(otherAdmin.email, 'otra clave bien larga');
    expect(shared.statusCode, shared.body).toBe(201);
    // Both sign in, each with their own password, each into their own organisation.
    const here = await signIn(app, { email: otherAdmin.email, password: 'otra clave bien larga' });
    const there = await signIn(app, otherAdmin);
    const orgOf = async (session: typeof here) =>
      (await app.inject({ url: '/api/staff/me', headers: as(session) })).json().organisation.id;
    expect(await orgOf(here)).toBe(orgs.advocacy.id);
    expect(await orgOf(there)).toBe(orgs.legal.id);
    // A wrong password opens neither.
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/staff/login',
      payload: { email: otherAdmin.email, password: 'no es ninguna de las dos' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('lists only its own organisation, and cannot deactivate another organisation’s staff', async () => {
    const s = await signIn(app, admin);
    const list = await app.inject({ url: '/api/org/staff', headers: as(s) });
    const ids = (list.json().staff as Array<{ id: string }>).map((m) => m.id);
    expect(ids).toContain(admin.id);
    expect(ids).not.toContain(otherAdmin.id);
    const res = await app.inject({
      method: 'POST',
      url: `/api/org/staff/${otherAdmin.id}/deactivate`,
      headers: as(s),
    });
    expect(res.statusCode).toBe(404);
    await signIn(app, otherAdmin);
  });

  it('a deactivated member is signed out at once and cannot sign in again', async () => {
    const { email } = await adminAdds('caseworker', 'frase inicial para ti');
    const member = { email, password: 'clave inicial larga' };
    const theirs = await signIn(app, member);
    const s = await signIn(app, admin);
    const list = await app.inject({ url: '/api/org/staff', headers: as(s) });
    const id = (list.json().staff as Array<{ id: string; email: string }>).find(
      (m) => m.email === email,
    )?.id;
    const res = await app.inject({
      method: 'POST',
      url: `/api/org/staff/${id}/deactivate`,
      headers: as(s),
    });
    expect(res.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/staff/me', headers: as(theirs) })).statusCode).toBe(401);
    await expect(signIn(app, member)).rejects.toThrow(/401/);
    const audit = await app.inject({ url: '/api/org/audit', headers: as(s) });
    const actions = (audit.json().entries as Array<{ action: string }>).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['staff_added', 'staff_deactivated']));
  });
});

describe('reporter routes', () => {
  it('set no cookie, even for a browser that holds a staff session', async () => {
    const s = await signIn(app, admin);
    // So that the public statistics answer 200.
    publishTestSnapshot(handle.db, utcDay(new Date()));
    for (const url of ['/api/recipients', '/api/stats?by=region']) {
      const res = await app.inject({ url, headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });
});
