// GET /api/recipients, and the headers that protect every API response.
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildSecurityHeaders,
  capturedHeaders,
  helmetWithOurOptions,
} from '../../api/plugins/security-headers.ts';
import { utcDay } from '../../src/shared/months.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { sealedSubmission } from '../helpers/reports.ts';
import { publishTestSnapshot } from '../helpers/snapshots.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

describe('GET /api/recipients', () => {
  it('lists both organisations with their roles and 32-byte base64 public keys', async () => {
    t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/recipients' });
    expect(res.statusCode).toBe(200);
    const { recipients } = res.json() as {
      recipients: Array<{ id: string; name: string; role: string; publicKey: string }>;
    };
    expect(recipients.map((r) => [r.id, r.role])).toEqual([
      [t.orgs.advocacy.id, 'advocacy'],
      [t.orgs.legal.id, 'legal_aid'],
    ]);
    for (const r of recipients) {
      expect(Object.keys(r).sort()).toEqual(['id', 'name', 'publicKey', 'role']);
      expect(r.name.length).toBeGreaterThan(0);
      expect(r.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(r.publicKey, 'base64')).toHaveLength(32);
    }
  });

  it('publishes exactly the public keys the organisations hold', async () => {
    t = await buildTestApp();
    const { recipients } = (
      await t.app.inject({ method: 'GET', url: '/api/recipients' })
    ).json() as {
      recipients: Array<{ id: string; publicKey: string }>;
    };
    const byId = new Map(recipients.map((r) => [r.id, r.publicKey]));
    expect(byId.get(t.orgs.advocacy.id)).toBe(
      Buffer.from(t.orgs.advocacy.publicKey).toString('base64'),
    );
    expect(byId.get(t.orgs.legal.id)).toBe(Buffer.from(t.orgs.legal.publicKey).toString('base64'));
    expect(byId.get(t.orgs.advocacy.id)).not.toBe(byId.get(t.orgs.legal.id));
  });

  it('never exposes a secret key', async () => {
    t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/recipients' });
    for (const org of [t.orgs.advocacy, t.orgs.legal]) {
      expect(res.body).not.toContain(Buffer.from(org.secretKey).toString('base64'));
    }
  });
});

/** One of each kind of answer a reporter's browser can get from the API. */
async function reporterFacingResponses(app: TestApp) {
  const body = await sealedSubmission(app.orgs);
  const noSnapshot = await app.app.inject({ method: 'GET', url: '/api/stats?by=region' });
  publishTestSnapshot(app.handle.db, utcDay(new Date()));
  return {
    'GET /api/stats 404 (no snapshot yet)': noSnapshot,
    'GET /api/recipients': await app.app.inject({ method: 'GET', url: '/api/recipients' }),
    'POST /api/reports 201': await app.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: body,
    }),
    'POST /api/reports 400': await app.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { id: 'x' },
    }),
    'POST /api/reports 415': await app.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    'GET /api/stats 200': await app.app.inject({ method: 'GET', url: '/api/stats?by=region' }),
    'GET /api/stats 400': await app.app.inject({ method: 'GET', url: '/api/stats?by=nope' }),
    'GET /api/stats 400 (not in the catalogue)': await app.app.inject({
      method: 'GET',
      url: '/api/stats?by=identity,setting',
    }),
    'GET /nowhere 404': await app.app.inject({ method: 'GET', url: '/nowhere' }),
    // Refused by Fastify before any hook runs.
    'GET bad percent-encoding 400': await app.app.inject({ method: 'GET', url: '/api/%E0%A4%A' }),
  };
}

describe('security headers', () => {
  it('are on every API response, errors included', async () => {
    t = await buildTestApp();
    const responses = await reporterFacingResponses(t);
    expect(responses['POST /api/reports 201'].statusCode).toBe(201);
    expect(responses['GET /api/stats 404 (no snapshot yet)'].statusCode).toBe(404);
    expect(responses['GET /api/stats 200'].statusCode).toBe(200);
    expect(responses['GET /api/stats 400 (not in the catalogue)'].json().error.code).toBe(
      'not_in_catalogue',
    );
    for (const [name, res] of Object.entries(responses)) {
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect(csp, name).toContain("frame-ancestors 'none'");
      expect(csp, name).toContain("default-src 'self'");
      expect(csp, name).not.toMatch(/https?:|\*/);
      expect(res.headers['referrer-policy'], name).toBe('no-referrer');
      expect(String(res.headers['permissions-policy']), name).toMatch(
        /camera=\(\).*microphone=\(\).*geolocation=\(\)/,
      );
      // Published figures are the same for everyone until the next snapshot, so they alone may
      // be cached; errors never are.
      expect(res.headers['cache-control'], name).toBe(
        name === 'GET /api/stats 200' ? 'public, max-age=300' : 'no-store',
      );
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
      expect(res.headers['x-frame-options'], name).toBe('DENY');
    }
  });

  it('set no cookie on any reporter-facing response', async () => {
    t = await buildTestApp();
    const responses = await reporterFacingResponses(t);
    for (const [name, res] of Object.entries(responses)) {
      expect(res.headers['set-cookie'], name).toBeUndefined();
      expect(res.cookies, name).toEqual([]);
    }
  });

  it('do not advertise the server software', async () => {
    t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/recipients' });
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers.server).toBeUndefined();
  });
});

describe('the captured security headers', () => {
  it('are exactly what helmet sets on a real response, plus ours', () => {
    // A middleware that does not finish at once cannot be captured, and start-up says so.
    expect(() => capturedHeaders(() => undefined)).toThrow(/synchronously/);
    const headers = buildSecurityHeaders({ hsts: true });
    // Helmet's own middleware, run on a real Node response with the same options.
    const res = new ServerResponse(new IncomingMessage(new Socket()));
    let done = false;
    helmetWithOurOptions(true)(res.req, res, () => {
      done = true;
    });
    expect(done).toBe(true);
    const real = Object.fromEntries(
      Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)]),
    );
    expect(Object.keys(real).length).toBeGreaterThan(10);
    expect(headers).toEqual({
      ...real,
      'permissions-policy': expect.stringContaining('camera=()'),
      'cache-control': 'no-store',
    });
  });
});

describe('unknown routes', () => {
  it('a URL that cannot be decoded → 400 in the error shape', async () => {
    t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/stats/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'invalid_url', message: expect.any(String) } });
  });

  it.each([
    ['GET', '/api/nothing-here'],
    ['GET', '/api/reports'],
    ['DELETE', '/api/reports'],
    ['POST', '/api/stats'],
  ] as const)('%s %s → 404 in the error shape', async (method, url) => {
    t = await buildTestApp();
    const res = await t.app.inject({ method, url });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'not_found', message: expect.stringContaining(url) },
    });
  });

  it('does not echo the query string of an unknown route', async () => {
    t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing?contact=999111222' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('999111222');
  });
});
