// Property tests over every documented operation, found in the OpenAPI document rather than
// listed by hand, so a new route is fuzzed the day it is added. Bodies and parameters are drawn
// from each operation's own schema, mostly valid with one part replaced by something odd, so
// requests get past validation into the handlers. Each runs anonymously and, where it needs
// one, with a signed-in session (each staff role) or a release token.
//
// Whatever is sent: never a 5xx; every error in the documented shape with the security
// headers; and a refused request (4xx) changes no row in any table but the audit log.
//
// The app, its operations and the request generators are in tests/helpers/fuzz-world.ts and
// tests/helpers/openapi-arbitraries.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MESSAGE_BODY_LIMIT,
  REPORT_BODY_LIMIT,
  SMALL_BODY_LIMIT,
} from '../../api/guards/body-limits.ts';
import { ErrorSchema } from '../../src/contract/schemas.ts';
import type { TestApp } from '../helpers/app.ts';
import { buildFuzzWorld, type FuzzWorld } from '../helpers/fuzz-world.ts';
import type { Operation } from '../helpers/openapi-arbitraries.ts';
import { as, type Session } from '../helpers/staff.ts';

let t: TestApp;
let operations: Operation[];
let sessions: Record<string, Session>;
// Ids that exist, so that some requests reach a real row rather than stopping at "not found".
let knownIds: string[];
let requestFor: FuzzWorld['requestFor'];
let credentialsFor: FuzzWorld['credentialsFor'];
let tableCounts: FuzzWorld['tableCounts'];

beforeAll(async () => {
  ({ t, operations, sessions, knownIds, requestFor, credentialsFor, tableCounts } =
    await buildFuzzWorld());
});
afterAll(async () => t?.app.close());

describe('every documented operation under schema-shaped and odd input', () => {
  it('finds the operations in the OpenAPI document', () => {
    // Thirty-three today; the list itself is pinned in openapi.test.ts.
    expect(operations.length).toBeGreaterThanOrEqual(33);
    expect(operations.filter((o) => o.auth === 'session').length).toBeGreaterThanOrEqual(19);
    expect(operations.find((o) => o.path === '/api/org/stats')?.auth).toBe('session');
  });

  it('refuses malformed bodies and wrong content types on every operation that takes a body', async () => {
    const before = tableCounts();
    for (const op of operations.filter((o) => o.body)) {
      for (const [who, headers] of credentialsFor(op)) {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              fc.string({ unit: 'binary', maxLength: 300 }),
              fc.constantFrom('{', '{"a":', '[1,]', 'null', '"x"', '{"__proto__":{"x":1}}', ''),
            ),
            fc.constantFrom(
              'application/json',
              'text/plain',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
              'application/json; charset=latin1',
              '',
            ),
            async (payload, contentType) => {
              const res = await t.app.inject({
                method: op.method as 'POST',
                url: op.path.replace(/\{\w+\}/g, knownIds[0] ?? 'x'),
                headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
                payload,
              });
              const what = `${op.method} ${op.path} as ${who}: ${contentType} ${JSON.stringify(payload).slice(0, 80)} -> ${res.statusCode}`;
              expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
              expect(res.statusCode, what).toBeLessThan(500);
              expect(ErrorSchema.safeParse(res.json()).success, what).toBe(true);
            },
          ),
          { numRuns: 15 },
        );
      }
    }
    const after = tableCounts();
    delete before.audit_log;
    delete after.audit_log;
    expect(after).toEqual(before);
  }, 120_000);

  it("refuses a body over its route's limit with a 413, unread, for every operation that takes one", async () => {
    // Only reports and sealed messages may be large; everything else takes small JSON.
    const limits: Record<string, number> = {
      'POST /api/reports': REPORT_BODY_LIMIT,
      'POST /api/reports/sealed': REPORT_BODY_LIMIT,
      'POST /api/follow-up/information': MESSAGE_BODY_LIMIT,
      'POST /api/org/reports/{id}/notes': MESSAGE_BODY_LIMIT,
      'POST /api/org/reports/{id}/replies': MESSAGE_BODY_LIMIT,
    };
    const before = tableCounts();
    for (const op of operations.filter((o) => o.body)) {
      const limit = limits[`${op.method} ${op.path}`] ?? SMALL_BODY_LIMIT;
      const credentials = credentialsFor(op);
      const headers = credentials[credentials.length - 1]?.[1] ?? {};
      const send = (bytes: number) =>
        t.app.inject({
          method: op.method as 'POST',
          url: op.path.replace(/\{\w+\}/g, knownIds[0] ?? 'x'),
          headers: { ...headers, 'content-type': 'application/json' },
          payload: JSON.stringify({ padding: 'x'.repeat(bytes - 14) }),
        });
      const over = await send(limit + 1);
      const what = `${op.method} ${op.path} with ${limit + 1} bytes`;
      expect(over.statusCode, what).toBe(413);
      expect(over.json().error.code, what).toBe('payload_too_large');
      // Just within the limit it is read, and refused only for what it says.
      const within = await send(limit);
      expect(within.statusCode, `${op.method} ${op.path} with ${limit} bytes`).not.toBe(413);
    }
    const after = tableCounts();
    delete before.audit_log;
    delete after.audit_log;
    expect(after).toEqual(before);
  });

  it('answers a method a path does not have with a 4xx in the error shape', async () => {
    const paths = new Map<string, Set<string>>();
    for (const op of operations) {
      const url = op.path.replace(/\{\w+\}/g, knownIds[0] ?? 'x');
      paths.set(url, (paths.get(url) ?? new Set()).add(op.method));
    }
    for (const [url, methods] of paths) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const) {
        if (methods.has(method)) continue;
        const res = await t.app.inject({ method, url, headers: as(sessions.admin as Session) });
        const what = `${method} ${url} -> ${res.statusCode}`;
        expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, what).toBeLessThan(500);
        expect(ErrorSchema.safeParse(res.json()).success, what).toBe(true);
      }
    }
  });

  it('never answers 5xx, answers errors in the error shape with the headers, and stores nothing it refuses', async () => {
    // Which operations ever got past validation: a fuzzer that only ever hears "invalid
    // request" has not tested the handlers.
    const reachedHandler = new Set<string>();
    // Which operations ever answered with success, with whose credentials.
    const succeeded = new Set<string>();
    for (const op of operations) {
      for (const [who, headers] of credentialsFor(op)) {
        await fc.assert(
          fc.asyncProperty(requestFor(op), async ({ url, payload }) => {
            const before = tableCounts();
            const res = await t.app.inject({
              method: op.method as 'GET',
              url,
              headers: {
                ...headers,
                ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
              },
              ...(payload === undefined ? {} : { payload }),
            });
            if (process.env.FUZZ_DEBUG && url.includes(process.env.FUZZ_DEBUG))
              console.log(res.statusCode, url.slice(0, 150), res.body.slice(0, 150));
            const what = `${op.method} ${url.slice(0, 120)} as ${who} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
            expect(res.statusCode, what).toBeLessThan(500);
            expect(res.headers['content-security-policy'], what).toContain(
              "frame-ancestors 'none'",
            );
            expect(res.headers['referrer-policy'], what).toBe('no-referrer');
            if (res.statusCode >= 400) {
              expect(ErrorSchema.safeParse(res.json()).success, what).toBe(true);
              expect(res.headers['cache-control'], what).toBe('no-store');
              const after = tableCounts();
              delete before.audit_log;
              delete after.audit_log;
              expect(after, what).toEqual(before);
              const code = (res.json() as { error: { code: string } }).error.code;
              if (code !== 'invalid_request') reachedHandler.add(`${op.method} ${op.path}`);
            } else {
              reachedHandler.add(`${op.method} ${op.path}`);
              succeeded.add(`${op.method} ${op.path} as ${who}`);
            }
          }),
          { numRuns: Number(process.env.FUZZ_RUNS ?? 40) },
        );
      }
    }
    const neverReached = operations
      .map((o) => `${o.method} ${o.path}`)
      .filter((o) => !reachedHandler.has(o));
    expect(neverReached).toEqual([]);
    // The statistics answered, not only refused: the public figures from the snapshot, a
    // release of them, and the exact figures for the roles that may read them (and only those).
    expect([...succeeded]).toEqual(
      expect.arrayContaining([
        'GET /api/stats as anonymous',
        'POST /api/releases as release token',
        'GET /api/org/stats as analyst',
        'GET /api/org/stats as admin',
      ]),
    );
    expect(succeeded.has('GET /api/org/stats as caseworker')).toBe(false);
    expect(succeeded.has('GET /api/org/stats as anonymous')).toBe(false);
    expect(succeeded.has('GET /api/org/stats/csv as caseworker')).toBe(false);
    expect(succeeded.has('GET /api/org/stats/csv as anonymous')).toBe(false);
  }, 600_000);
});
