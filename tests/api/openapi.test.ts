// The OpenAPI document describes the whole public API from the zod schemas, served locally.
import { afterEach, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

type Operation = {
  parameters?: Array<{ name: string; in: string; schema: { enum?: string[] } }>;
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
};

it('lists every public route with its parameters, bodies and error responses', async () => {
  t = await buildTestApp();
  const res = await t.app.inject({ url: '/docs/json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>> };
  expect(doc.openapi).toMatch(/^3\./);
  expect(Object.keys(doc.paths).sort()).toEqual([
    '/api/follow-up/information',
    '/api/follow-up/lookup',
    '/api/follow-up/withdraw',
    '/api/match/evaluate',
    '/api/org/audit',
    '/api/org/intake',
    '/api/org/reports',
    '/api/org/reports/{id}',
    '/api/org/reports/{id}/case-status',
    '/api/org/reports/{id}/intake-printed',
    '/api/org/reports/{id}/notes',
    '/api/org/reports/{id}/replies',
    '/api/org/reports/{id}/status',
    '/api/org/staff',
    '/api/org/staff/{id}/deactivate',
    '/api/org/stats',
    '/api/org/stats/csv',
    '/api/pow',
    '/api/recipients',
    '/api/releases',
    '/api/releases/{id}',
    '/api/releases/{id}/csv',
    '/api/reports',
    '/api/reports/sealed',
    '/api/staff/login',
    '/api/staff/logout',
    '/api/staff/me',
    '/api/staff/me/password',
    '/api/staff/me/totp',
    '/api/staff/me/totp/confirm',
    '/api/staff/me/wrapped-key',
    '/api/staff/session',
    '/api/stats',
    '/api/transport-key',
  ]);
  const stats = doc.paths['/api/stats']?.get;
  const names = stats?.parameters?.map((p) => p.name).sort();
  expect(names).toEqual(['by', 'from', 'perpetrator', 'region', 'to', 'verified', 'violence']);
  expect(stats?.parameters?.find((p) => p.name === 'region')?.schema.enum).toContain('1501');
  expect(Object.keys(stats?.responses ?? {})).toEqual(['200', '400', '404']);
  // The exact figures take the same questions, and say who may ask.
  const exact = doc.paths['/api/org/stats']?.get;
  expect(exact?.parameters?.map((p) => p.name).sort()).toEqual(names);
  expect(Object.keys(exact?.responses ?? {})).toEqual(['200', '400', '401', '403']);
  const publish = doc.paths['/api/releases']?.post;
  expect(publish?.requestBody).toBeDefined();
  expect(publish?.security).toEqual([{ releaseToken: [] }]);
  expect(Object.keys(publish?.responses ?? {})).toEqual(
    expect.arrayContaining(['201', '400', '401', '409', '422']),
  );
  expect(doc.paths['/api/reports']?.post?.requestBody).toBeDefined();
});

it('serves a readable page at /docs from our own origin', async () => {
  t = await buildTestApp();
  const page = await t.app.inject({ url: '/docs' });
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.body).not.toMatch(
    /https?:\/\/(?!localhost)[a-z0-9.-]+\.[a-z]{2,}\/[^"']*\.(js|css)/i,
  );
  expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  // Swagger UI's one allowed inline style is allowed on its pages only.
  const other = await t.app.inject({ url: '/api/recipients' });
  expect(other.headers['content-security-policy']).not.toContain('sha256-');
});
