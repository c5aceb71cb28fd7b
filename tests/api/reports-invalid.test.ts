// Every bad request gets a 4xx in the one error shape, names the wrong field, and stores nothing.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../../api/app.ts';
import { ErrorSchema } from '../../src/contract/schemas.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { NO_ROWS, rowCounts } from '../helpers/db-rows.ts';
import { monthsAgo } from '../helpers/months.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

type Body = Record<string, unknown> & {
  facts: Record<string, unknown>;
  sealed: Array<Record<string, unknown>>;
};
const b64 = (bytes: number) => Buffer.alloc(bytes, 3).toString('base64');

async function validBody(): Promise<Body> {
  const body = await sealedSubmission(t.orgs, {
    facts: validFacts({ incidentMonth: monthsAgo(1) }),
  });
  return structuredClone(body) as unknown as Body;
}

function expectErrorShape(json: unknown): {
  code: string;
  message: string;
  issues?: Array<{ path: string; message: string }>;
} {
  const parsed = ErrorSchema.strict().safeParse(json);
  expect(parsed.success, JSON.stringify(json)).toBe(true);
  expect(
    Object.keys((json as { error: object }).error).every((k) =>
      ['code', 'message', 'issues'].includes(k),
    ),
  ).toBe(true);
  return (json as { error: ReturnType<typeof expectErrorShape> }).error;
}

/** A change to a valid body: set a dotted path to a value (or to one computed from the body), or remove it. */
type Change = { at: string; value?: unknown; remove?: true };
type Case = { what: string; change: Change; path: string; mentions?: string };

function apply(body: Body, { at, value, remove }: Change): void {
  const parts = at.split('.');
  let target = body as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
  const last = parts.at(-1) as string;
  if (remove) delete target[last];
  else target[last] = typeof value === 'function' ? value(body) : value;
}

const set = (at: string, value: unknown): Change => ({ at, value });
const unset = (at: string): Change => ({ at, remove: true });
const nineBoxes = Array.from({ length: 9 }, (_, i) => ({ recipient: `o${i}`, box: b64(1072) }));

// [what, change, path the error must name, text its message must contain]
const CASE_LIST: ReadonlyArray<readonly [string, Change, string, string?]> = [
  ['no id', unset('id'), 'body.id'],
  ['an id that is not a UUID', set('id', 'abc'), 'body.id'],
  ['a v1 UUID as id', set('id', 'a8098c1a-f86e-11da-bd1a-00112444be1e'), 'body.id'],
  ['a numeric id', set('id', 12345), 'body.id'],
  ['an unknown top-level field', set('ip', '203.0.113.9'), 'body', 'ip'],
  ['no facts', unset('facts'), 'body.facts'],
  ['facts as a string', set('facts', 'police'), 'body.facts'],
  [
    'an unknown field in facts',
    set('facts.perpetratorName', 'Sgt. X'),
    'body.facts',
    'perpetratorName',
  ],
  ['region 1502', set('facts.region', '1502'), 'body.facts.region'],
  ['region as a number', set('facts.region', 15), 'body.facts.region'],
  [
    'an unknown perpetrator',
    set('facts.perpetrators', ['police', 'boss']),
    'body.facts.perpetrators.1',
  ],
  [
    'a repeated perpetrator',
    set('facts.perpetrators', ['client', 'client']),
    'body.facts.perpetrators',
  ],
  ['no perpetrators', set('facts.perpetrators', []), 'body.facts.perpetrators'],
  ['a repeated violence type', set('facts.violence', ['rape', 'rape']), 'body.facts.violence'],
  ['no violence types', set('facts.violence', []), 'body.facts.violence'],
  ['an unknown violence type', set('facts.violence', ['murder']), 'body.facts.violence.0'],
  ['an unknown identity', set('facts.identity', 'female'), 'body.facts.identity'],
  ['an unknown age band', set('facts.ageBand', '30'), 'body.facts.ageBand'],
  ['an unknown nationality', set('facts.nationality', 'chilean'), 'body.facts.nationality'],
  ['an unknown setting', set('facts.setting', 'park'), 'body.facts.setting'],
  [
    'an unknown reported value',
    set('facts.reportedToAuthority', 'maybe'),
    'body.facts.reportedToAuthority',
  ],
  ['an unknown channel', set('facts.channel', 'app'), 'body.facts.channel'],
  ['no channel', unset('facts.channel'), 'body.facts.channel'],
  ['a malformed month', set('facts.incidentMonth', '2026-3'), 'body.facts.incidentMonth'],
  ['a full date as month', set('facts.incidentMonth', '2026-03-14'), 'body.facts.incidentMonth'],
  ['next month', set('facts.incidentMonth', monthsAgo(-1)), 'body.facts.incidentMonth', 'future'],
  [
    '121 months ago',
    set('facts.incidentMonth', monthsAgo(121)),
    'body.facts.incidentMonth',
    '10 years',
  ],
  ['no sealed boxes', set('sealed', []), 'body.sealed'],
  ['sealed as an object', set('sealed', { recipient: 'x' }), 'body.sealed'],
  ['an unknown field in a box', set('sealed.0.narrative', 'hola'), 'body.sealed.0', 'narrative'],
  [
    'two boxes for one recipient',
    set('sealed.1', (b: Body) => ({ ...b.sealed[0] })),
    'body.sealed',
  ],
  ['a box that is not base64', set('sealed.0.box', '!!!!'), 'body.sealed.0.box'],
  ['an unpadded box', set('sealed.0.box', b64(48 + 1024).replace(/=+$/, '')), 'body.sealed.0.box'],
  [
    'a url-safe box',
    set('sealed.0.box', `${Buffer.alloc(1072, 0xff).toString('base64url')}==`),
    'body.sealed.0.box',
  ],
  ['a box of 48 + 1023 bytes', set('sealed.0.box', b64(48 + 1023)), 'body.sealed.0.box'],
  ['a box of 48 + 64·1024 bytes', set('sealed.0.box', b64(48 + 64 * 1024)), 'body.sealed.0.box'],
  ['a box with no recipient', unset('sealed.0.recipient'), 'body.sealed.0.recipient'],
  ['nine boxes', set('sealed', nineBoxes), 'body.sealed'],
];
const CASES: Case[] = CASE_LIST.map(([what, change, path, mentions]) => ({
  what,
  change,
  path,
  ...(mentions ? { mentions } : {}),
}));

describe('bad submissions', () => {
  it.each(CASES)('$what → 400 naming $path, nothing stored', async ({ change, path, mentions }) => {
    t = await buildTestApp();
    const body = await validBody();
    apply(body, change);
    const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
    expect(res.statusCode).toBe(400);
    const error = expectErrorShape(res.json());
    expect(error.code).toBe('invalid_request');
    const paths = (error.issues ?? []).map((i) => i.path);
    expect(paths).toContain(path);
    expect(error.message).toContain(path);
    if (mentions) {
      const text = (error.issues ?? [])
        .filter((i) => i.path === path)
        .map((i) => i.message)
        .join(' ');
      expect(text).toContain(mentions);
    }
    expect(rowCounts(t.handle)).toEqual(NO_ROWS);
  });

  it('the unchanged valid body is accepted (so the cases above fail for their own reason)', async () => {
    t = await buildTestApp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: await validBody(),
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('bad requests before validation', () => {
  const send = (payload: string, contentType?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload,
      headers: contentType ? { 'content-type': contentType } : {},
    });

  it.each([
    ['broken JSON', '{"id": '],
    ['an empty body', ''],
    ['a prototype-polluting key', '{"__proto__": {"admin": true}}'],
  ])('%s → 400 invalid_json', async (_what, payload) => {
    t = await buildTestApp();
    const res = await send(payload, 'application/json');
    expect(res.statusCode).toBe(400);
    expect(expectErrorShape(res.json()).code).toBe('invalid_json');
    expect(rowCounts(t.handle)).toEqual(NO_ROWS);
  });

  it.each(['null', '[]', '"report"', '42'])(
    'a JSON body of %s → 400 naming the body',
    async (payload) => {
      t = await buildTestApp();
      const res = await send(payload, 'application/json');
      expect(res.statusCode).toBe(400);
      expect(expectErrorShape(res.json()).issues?.[0]?.path).toBe('body');
    },
  );

  it.each([
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'text/plain',
  ])('a valid report sent as %s → 415, nothing stored', async (contentType) => {
    t = await buildTestApp();
    const res = await send(JSON.stringify(await validBody()), contentType);
    expect(res.statusCode).toBe(415);
    expect(expectErrorShape(res.json()).code).toBe('unsupported_media_type');
    expect(rowCounts(t.handle)).toEqual(NO_ROWS);
  });

  it('accepts application/json with a charset', async () => {
    t = await buildTestApp();
    const res = await send(JSON.stringify(await validBody()), 'application/json; charset=utf-8');
    expect(res.statusCode).toBe(201);
  });

  it('a body over the limit → 413, nothing stored', async () => {
    t = await buildTestApp();
    const body = await validBody();
    const payload = JSON.stringify({ ...body, padding: 'x'.repeat(BODY_LIMIT) });
    const res = await send(payload, 'application/json');
    expect(res.statusCode).toBe(413);
    expect(expectErrorShape(res.json()).code).toBe('payload_too_large');
    expect(rowCounts(t.handle)).toEqual(NO_ROWS);
  });
});

describe('nothing a client sends produces a 5xx', () => {
  it('arbitrary JSON bodies get a 4xx and store nothing', async () => {
    t = await buildTestApp();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/reports',
          payload: JSON.stringify(value),
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expectErrorShape(res.json());
      }),
      { numRuns: 150 },
    );
    expect(rowCounts(t.handle)).toEqual(NO_ROWS);
  });

  it('a valid report with one field replaced by arbitrary JSON gets 201 or a 4xx, and stores only on 201', async () => {
    t = await buildTestApp();
    const template = await validBody();
    const fields = [
      'id',
      'facts',
      'sealed',
      ...Object.keys(template.facts).map((k) => `facts.${k}`),
      'sealed.0.recipient',
      'sealed.0.box',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue(), async (field, value) => {
        const body = structuredClone(template) as Body;
        body.id = randomUUID();
        apply(body, set(field, value));
        const before = rowCounts(t.handle).reports;
        const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
        expect(
          res.statusCode === 201 || (res.statusCode >= 400 && res.statusCode < 500),
          `${field}=${JSON.stringify(value)} → ${res.statusCode}`,
        ).toBe(true);
        expect(rowCounts(t.handle).reports).toBe(before + (res.statusCode === 201 ? 1 : 0));
      }),
      { numRuns: 200 },
    );
  });
});
