// Property tests over every documented operation, found in the OpenAPI document rather than
// listed by hand, so a new route is fuzzed the day it is added. Bodies and parameters are drawn
// from each operation's own schema, mostly valid with one part replaced by something odd, so
// requests get past validation into the handlers. Each runs anonymously and, where it needs
// one, with a signed-in session (each staff role) or a release token.
//
// Whatever is sent: never a 5xx; every error in the documented shape with the security
// headers; and a refused request (4xx) changes no row in any table but the audit log.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_BODY_LIMIT, REPORT_BODY_LIMIT, SMALL_BODY_LIMIT } from '../../api/body-limits.ts';
import { issueReleaseToken } from '../../api/services/release-token.ts';
import { storeReport } from '../../db/reports-repo.ts';
import { loadSodium, toBase64 } from '../../src/crypto.ts';
import { ErrorSchema, type ReportSubmission } from '../../src/schemas.ts';
import { DIMENSIONS, MAX_DIMENSIONS } from '../../src/stats.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { allTables } from '../helpers/db-rows.ts';
import { newReceipt } from '../helpers/follow-up.ts';
import { oddText } from '../helpers/odd-input.ts';
import { sealedSubmission } from '../helpers/reports.ts';
import { publishTestSnapshot } from '../helpers/snapshots.ts';
import { addTestStaff, as, type Session, signIn } from '../helpers/staff.ts';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
};
type Parameter = { in: string; name: string; required?: boolean; schema: JsonSchema };
type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  auth: 'none' | 'session' | 'releaseToken';
};

let t: TestApp;
let operations: Operation[];
let sessions: Record<string, Session>;
let releaseToken: string;
// Ids that exist, so that some requests reach a real row rather than stopping at "not found".
let knownIds: string[];
let hints: Record<string, fc.Arbitrary<unknown>>;
let examples: Record<string, fc.Arbitrary<unknown>>;
// Whole valid query strings where independent parameters would rarely make one (statistics:
// only some combinations of facts are published).
let queryExamples: Record<string, fc.Arbitrary<string>>;

beforeAll(async () => {
  // Proof of work off: with it on, almost every reporter request would stop at the proof (the
  // older fuzz suite, fuzz-endpoints.test.ts, covers that path).
  t = await buildTestApp({ config: { powDifficulty: 0 } });
  const doc = (await t.app.inject({ url: '/docs/json' })).json() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Parameter[];
          requestBody?: { content: Record<string, { schema: JsonSchema }> };
          security?: Array<Record<string, unknown>>;
        }
      >
    >;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema,
      auth: op.security?.some((s) => 'releaseToken' in s)
        ? ('releaseToken' as const)
        : /^\/api\/(org|staff\/(me|logout))/.test(path)
          ? ('session' as const)
          : ('none' as const),
    })),
  );
  const reports = [
    await sealedSubmission(t.orgs),
    await sealedSubmission(t.orgs, {
      legalAid: { contact: { method: 'phone_call', value: '900 000 000 (ficticio)' } },
    }),
  ];
  const receipt = await newReceipt();
  reports[0] = { ...reports[0], followUp: receipt.followUp } as ReportSubmission;
  for (const r of reports) {
    storeReport(
      t.handle.db,
      r,
      r.sealed.map((b) => ({ recipientId: b.recipient, box: Buffer.from(b.box, 'base64') })),
      `hash-${r.id}`,
      '2026-11-01',
    );
  }
  const staff = {
    admin: await addTestStaff(t.handle, t.orgs.advocacy, 'admin'),
    caseworker: await addTestStaff(t.handle, t.orgs.legal, 'caseworker'),
    analyst: await addTestStaff(t.handle, t.orgs.advocacy, 'analyst'),
  };
  // Someone the admin may deactivate without ending the fuzzing sessions.
  const bystander = await addTestStaff(t.handle, t.orgs.advocacy, 'caseworker');
  sessions = {
    admin: await signIn(t.app, staff.admin),
    caseworker: await signIn(t.app, staff.caseworker),
    analyst: await signIn(t.app, staff.analyst),
  };
  releaseToken = await issueReleaseToken(t.handle.db, t.orgs.advocacy.id, new Date());
  // Published statistics (through the reports' received day), so that GET /api/stats and
  // POST /api/releases can answer a well-formed question rather than "no snapshot yet".
  publishTestSnapshot(t.handle.db, '2026-11-01');
  knownIds = [...reports.map((r) => r.id), bystander.id];
  const sodium = await loadSodium();
  const validReports = reports.map((r) => ({ ...r, id: undefined }));
  // Values that random generation would almost never hit but that handlers need to get going:
  // known organisations, well-formed e-mail addresses, receipt tokens, real sealed boxes.
  hints = {
    recipient: fc.constantFrom(t.orgs.advocacy.id, t.orgs.legal.id),
    orgId: fc.constantFrom(t.orgs.advocacy.id, t.orgs.legal.id),
    email: fc.oneof(fc.emailAddress(), fc.constantFrom(staff.admin.email)),
    token: fc.oneof(
      fc.constant(receipt.token),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => toBase64(sodium, b)),
    ),
    box: fc.constantFrom(...reports.flatMap((r) => r.sealed.map((b) => b.box))),
    copy: fc.constantFrom(...reports.flatMap((r) => r.sealed.map((b) => b.box))),
    // Statistics dimensions: a comma-separated list in a plain string.
    by: fc
      .uniqueArray(fc.constantFrom(...DIMENSIONS), { minLength: 1, maxLength: MAX_DIMENSIONS })
      .map((d) => d.join(',')),
  };
  // Whole valid bodies where the schema alone cannot describe one (sealed boxes must be real).
  examples = {
    'POST /api/reports': fc
      .tuple(fc.constantFrom(...validReports), fc.uuid({ version: 4 }))
      .map(([r, id]) => ({ ...r, id })),
    // Tables of the public catalogue: drawn from the schema, most would be refused.
    'POST /api/releases': fc.constantFrom(
      { title: 'Publicación de prueba (ficticia)', tables: [['region']] },
      { title: 'Por responsable', tables: [['perpetrator'], ['perpetrator', 'region']] },
      { title: 'Por mes', tables: [['month'], ['region']], from: '2026-01', to: '2026-12' },
      { title: 'Policía', tables: [['region']], filters: { perpetrator: 'police' } },
    ),
  };
  const statsQueries = fc.constantFrom(
    'by=region',
    'by=perpetrator,region',
    'by=month&from=2026-01&to=2026-12',
    'by=region&perpetrator=police&verified=true',
    'by=gbvType,region',
  );
  queryExamples = {
    'GET /api/stats': statsQueries,
    'GET /api/org/stats': statsQueries,
    'GET /api/org/stats/csv': statsQueries,
  };
});
afterAll(async () => t?.app.close());

// Odd values to put in place of one part of an otherwise valid request.
const odd: fc.Arbitrary<unknown> = fc.oneof(
  oddText,
  fc.constantFrom(
    -1,
    0,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    null,
    [],
    {},
    { __proto__: { admin: true } },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

function fromSchema(schema: JsonSchema, name = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((s) => fromSchema(s, name)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {};
      const shape = Object.fromEntries(
        Object.entries(props).map(([key, s]) => [key, fromSchema(s, key)]),
      );
      return fc.record(shape, { requiredKeys: (schema.required ?? []) as never[] });
    }
    case 'array':
      return fc.array(fromSchema(schema.items ?? {}, name), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'string': {
      const hint = hints[name];
      if (hint) return fc.oneof({ weight: 3, arbitrary: hint }, fromSchema({ ...schema }, ''));
      if (schema.format === 'uuid') {
        return fc.oneof(fc.constantFrom(...knownIds), fc.uuid({ version: 4 }));
      }
      const max = Math.min(schema.maxLength ?? 64, 64);
      if (schema.pattern) {
        return fc
          .stringMatching(new RegExp(schema.pattern))
          .filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= max);
      }
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.max(max, 1) });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Replaces the n-th part (counting the whole value as part 0) of a JSON value. */
function replacePart(value: unknown, n: number, replacement: unknown): unknown {
  let seen = 0;
  const walk = (v: unknown): unknown => {
    if (seen++ === n) return replacement;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value);
}

/** Valid but for one odd part, or for an extra key, or anything at all. */
function nearlyValid(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(valid, fc.nat({ max: 30 }), odd)
        .map(([v, n, replacement]) => replacePart(v, n, replacement)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.string({ maxLength: 12 }), odd)
        .map(([v, k, x]) => (v && typeof v === 'object' ? { ...v, [k]: x } : v)),
    },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
}

// Percent-encodes raw bytes: encodeURIComponent refuses lone surrogates.
const encode = (x: string): string =>
  [...Buffer.from(x)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/**
 * Half the runs send a request valid per the schema (ids, when not drawn from the schema, are
 * ones that exist), so the handlers see many well-formed requests; the other half send odd
 * parameters and nearly valid bodies.
 */
function requestFor(op: Operation): fc.Arbitrary<{ url: string; payload?: string }> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const example = examples[`${op.method} ${op.path}`];
  // A path id is often one that exists, so requests reach a real row.
  const validParam = (p: Parameter): fc.Arbitrary<string> =>
    p.in === 'path'
      ? fc.oneof(fromSchema(p.schema, p.name).map(asText), fc.constantFrom(...knownIds))
      : fromSchema(p.schema, p.name).map(asText);
  const oddParam = (p: Parameter): fc.Arbitrary<string> =>
    fc.oneof({ weight: 3, arbitrary: validParam(p) }, odd.map(asText));
  const validBody = op.body
    ? example
      ? fc.oneof(example, fromSchema(op.body))
      : fromSchema(op.body)
    : fc.constant(undefined);
  const shaped = (
    param: (p: Parameter) => fc.Arbitrary<string>,
    body: fc.Arbitrary<unknown>,
  ): fc.Arbitrary<{ url: string; payload?: string }> =>
    fc
      .record({
        path: fc.tuple(...pathParams.map(param)),
        query: fc.tuple(
          ...queryParams.map((p) => (p.required ? param(p) : fc.option(param(p), { freq: 2 }))),
        ),
        body: body.map((b) => (b === undefined ? undefined : JSON.stringify(b))),
      })
      .map(({ path, query, body }) => {
        let url = op.path;
        pathParams.forEach((p, i) => {
          url = url.replace(`{${p.name}}`, encode((path[i] ?? '').slice(0, 300)));
        });
        const pairs = queryParams.flatMap((p, i) => {
          const v = query[i];
          return v === null || v === undefined ? [] : [`${p.name}=${encode(v.slice(0, 2000))}`];
        });
        return { url: pairs.length ? `${url}?${pairs.join('&')}` : url, payload: body };
      });
  const queryExample = queryExamples[`${op.method} ${op.path}`];
  const valid = shaped(validParam, validBody);
  return fc.oneof(
    queryExample
      ? fc.oneof(
          valid,
          queryExample.map((q) => ({ url: `${op.path}?${q}` })),
        )
      : valid,
    shaped(oddParam, op.body ? nearlyValid(validBody) : fc.constant(undefined)),
  );
}

function tableCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of allTables(t.handle)) {
    const row = t.handle.sqlite.prepare(`select count(*) as n from "${table}"`).get() as {
      n: number;
    };
    counts[table] = row.n;
  }
  return counts;
}

type Credentials = [who: string, headers: Record<string, string>];

function credentialsFor(op: Operation): Credentials[] {
  const anonymous: Credentials = ['anonymous', {}];
  if (op.auth === 'releaseToken') {
    return [anonymous, ['release token', { authorization: `Bearer ${releaseToken}` }]];
  }
  // Signing out (which takes no input) would end the session the other runs use.
  if (op.auth === 'session' && op.path !== '/api/staff/logout') {
    return [anonymous, ...Object.entries(sessions).map(([role, s]): Credentials => [role, as(s)])];
  }
  return [anonymous];
}

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
