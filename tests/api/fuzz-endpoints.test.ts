// Property tests over every public endpoint: whatever a client sends (random or malformed JSON,
// wrong types, huge or odd Unicode strings, wrong content types, wrong methods, random query
// strings), the answer is never a 5xx, every error is in the documented shape, and nothing is
// stored.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorSchema } from '../../src/contract/schemas.ts';
import { utcDay } from '../../src/shared/months.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { NO_ROWS, rowCounts } from '../helpers/db-rows.ts';
import { oddText } from '../helpers/odd-input.ts';
import { publishTestSnapshot } from '../helpers/snapshots.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ config: { powDifficulty: 4 } });
  // Published statistics, so that a well-formed question to /api/stats gets an answer.
  publishTestSnapshot(t.handle.db, utcDay(new Date()));
});
afterAll(async () => t?.app.close());

const ENDPOINTS = [
  { method: 'GET', url: '/api/recipients' },
  { method: 'GET', url: '/api/stats' },
  { method: 'GET', url: '/api/pow' },
  { method: 'GET', url: '/api/transport-key' },
  { method: 'POST', url: '/api/reports' },
  { method: 'POST', url: '/api/reports/sealed' },
] as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function expectSafe(
  res: { statusCode: number; body: string; headers: Record<string, unknown> },
  allowSuccess: boolean,
): void {
  expect(res.statusCode).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(ErrorSchema.safeParse(JSON.parse(res.body)).success).toBe(true);
  } else {
    expect(allowSuccess).toBe(true);
  }
  expect(res.headers['set-cookie']).toBeUndefined();
}

describe('every public endpoint under random input', () => {
  it('random JSON bodies to the POST endpoints are refused with a 4xx and store nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/reports', '/api/reports/sealed'),
        fc.oneof(fc.jsonValue(), fc.dictionary(oddText, fc.jsonValue())),
        async (url, payload) => {
          const res = await t.app.inject({
            method: 'POST',
            url,
            payload: JSON.stringify(payload),
            headers: { 'content-type': 'application/json' },
          });
          expectSafe(res, false);
        },
      ),
      { numRuns: 150 },
    );
    expect(rowCounts(t.handle)).toEqual(NO_ROWS);
  });

  it('malformed bodies and wrong content types are refused with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS.filter((e) => e.method === 'POST').map((e) => e.url)),
        oddText,
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json; charset=latin1',
          '',
        ),
        async (url, body, contentType) => {
          const res = await t.app.inject({
            method: 'POST',
            url,
            payload: body,
            headers: contentType ? { 'content-type': contentType } : {},
          });
          expectSafe(res, false);
        },
      ),
      { numRuns: 150 },
    );
    expect(rowCounts(t.handle)).toEqual(NO_ROWS);
  });

  it('random query strings never cause a 5xx', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS.filter((e) => e.method === 'GET').map((e) => e.url)),
        // Often a question the published catalogue can answer, then odd parameters.
        fc.option(fc.constantFrom('region', 'month', 'perpetrator,region', 'gbvType'), {
          freq: 5,
        }),
        fc.oneof(
          { weight: 1, arbitrary: fc.constant([]) },
          {
            weight: 1,
            arbitrary: fc.array(
              fc.tuple(
                fc.constantFrom('by', 'from', 'to', 'k', 'x', 'by[]', '__proto__', 'region'),
                fc.oneof(oddText, fc.constantFrom('region', '2026-01', '1501', 'true')),
              ),
              { maxLength: 4 },
            ),
          },
        ),
        async (url, by, pairs) => {
          // Percent-encode raw bytes: encodeURIComponent refuses lone surrogates.
          const enc = (x: string): string =>
            [...Buffer.from(x)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
          const query = [
            ...(by === null ? [] : [`by=${enc(by)}`]),
            ...pairs.map(([k, v]) => `${enc(k)}=${enc(v.slice(0, 2000))}`),
          ].join('&');
          const res = await t.app.inject({ method: 'GET', url: `${url}?${query}` });
          expectSafe(res, true);
          if (url === '/api/stats' && res.statusCode === 200) answered++;
        },
      ),
      { numRuns: 200 },
    );
    // Some of those questions reached the published figures, not only the validation.
    expect(answered).toBeGreaterThan(0);
  });

  it('wrong methods get a 4xx in the error shape', async () => {
    for (const endpoint of ENDPOINTS) {
      for (const method of METHODS) {
        if (method === endpoint.method) continue;
        const res = await t.app.inject({
          method,
          url: endpoint.url,
          payload: method === 'GET' ? undefined : '{}',
        });
        expectSafe(res, false);
      }
    }
    expect(rowCounts(t.handle)).toEqual(NO_ROWS);
  });

  it('random paths get a 404 in the error shape, not a file from disk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.webPath(), async (p) => {
        const res = await t.app.inject({ method: 'GET', url: `/x${p}` });
        expectSafe(res, false);
      }),
      { numRuns: 100 },
    );
  });
});
