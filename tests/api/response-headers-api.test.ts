// The security headers the issue asks for are on every answer of the API and on each error a
// client can provoke, including those Fastify or Node give before any hook runs (built files,
// pages and docs: response-headers.test.ts). The published statistics (the same for everyone
// until the next snapshot) may be cached for five minutes; nothing else here may be.
import { describe } from 'vitest';
import type { AppConfig } from '../../api/app.ts';
import {
  MESSAGE_BODY_LIMIT,
  REPORT_BODY_LIMIT,
  SMALL_BODY_LIMIT,
} from '../../api/guards/body-limits.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import {
  type Answer,
  type Case,
  itAnswersWithTheHeaders,
  mainApp,
} from '../helpers/response-headers.ts';
import { publishTestSnapshot } from '../helpers/snapshots.ts';
import { addTestStaff, as, signIn } from '../helpers/staff.ts';

const main = mainApp();
const { answer, inject } = main;

/** Answers from an app of its own (hsts on, plus `config`), closed afterwards. */
async function fromOwnApp(
  config: Partial<AppConfig>,
  send: (app: TestApp) => Promise<Answer>,
): Promise<Answer> {
  const own = await buildTestApp({ config: { hsts: true, ...config } });
  try {
    return await send(own);
  } finally {
    await own.app.close();
  }
}

/** Answers from an app of its own with a statistics snapshot published, closed afterwards. */
function fromPublishedApp(send: (app: TestApp['app']) => Promise<Answer>): Promise<Answer> {
  return fromOwnApp({}, async ({ app, handle }) => {
    publishTestSnapshot(handle.db, '2026-01-01');
    return send(app);
  });
}

/** What Node's parser refusal handler writes to the socket, read back as status and headers. */
function clientError(code: string): Answer {
  const written: string[] = [];
  const socket = {
    writable: true,
    destroyed: false,
    write: (chunk: string) => written.push(chunk) > 0,
    destroy: () => {
      socket.destroyed = true;
    },
  };
  main.app.server.emit('clientError', Object.assign(new Error(code), { code }), socket);
  const [head = ''] = written.join('').split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string | string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const before = headers[name];
    // A repeated header becomes an array, as inject would give it.
    headers[name] = before === undefined ? value : [before, value].flat();
  }
  return { statusCode: Number(statusLine.split(' ')[1]), headers };
}

const json = { 'content-type': 'application/json' };
const oversized = (limit: number) => 'x'.repeat(limit + 1);

const API_CASES: Case[] = [
  answer('GET /api/recipients', 200, { url: '/api/recipients' }),
  answer('GET /api/stats before any snapshot (404)', 404, { url: '/api/stats?by=region' }),
  ...['', 'br'].map(
    (encoding): Case => ({
      name: `GET /api/stats from a snapshot (accept-encoding: ${encoding || 'identity'})`,
      status: 200,
      caching: 'published',
      send: () =>
        fromPublishedApp((app) =>
          app.inject({
            url: '/api/stats?by=region',
            headers: encoding ? { 'accept-encoding': encoding } : {},
          }),
        ),
    }),
  ),
  {
    name: 'GET /api/stats revalidated (304)',
    status: 304,
    caching: 'published',
    send: () =>
      fromPublishedApp(async (app) => {
        const first = await app.inject({ url: '/api/stats?by=region' });
        return app.inject({
          url: '/api/stats?by=region',
          headers: { 'if-none-match': String(first.headers.etag) },
        });
      }),
  },
  {
    name: 'GET /api/stats outside the catalogue (400)',
    status: 400,
    caching: 'no-store',
    send: () => fromPublishedApp((app) => app.inject({ url: '/api/stats?by=identity,setting' })),
  },
  answer('GET /api/org/stats without a session (401)', 401, { url: '/api/org/stats?by=region' }),
  {
    name: 'GET /api/org/stats as an analyst',
    status: 200,
    caching: 'no-store',
    send: () =>
      fromOwnApp({}, async (own) => {
        const session = await signIn(
          own.app,
          await addTestStaff(own.handle, own.orgs.advocacy, 'analyst'),
        );
        return own.app.inject({ url: '/api/org/stats?by=region', headers: as(session) });
      }),
  },
  answer('GET /api/staff/me without a session (401)', 401, { url: '/api/staff/me' }),
  answer('POST /api/staff/login over the body limit (413)', 413, {
    method: 'POST',
    url: '/api/staff/login',
    headers: json,
    payload: oversized(SMALL_BODY_LIMIT),
  }),
  answer('POST /api/org/reports/x/notes over the body limit (413)', 413, {
    method: 'POST',
    url: '/api/org/reports/x/notes',
    headers: json,
    payload: oversized(MESSAGE_BODY_LIMIT),
  }),
  answer('POST /api/reports over the body limit (413)', 413, {
    method: 'POST',
    url: '/api/reports',
    headers: json,
    payload: oversized(REPORT_BODY_LIMIT),
  }),
  answer('POST /api/reports as a form (415)', 415, {
    method: 'POST',
    url: '/api/reports',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'a=1',
  }),
  answer('POST /api/reports as text/plain (415)', 415, {
    method: 'POST',
    url: '/api/reports',
    headers: { 'content-type': 'text/plain' },
    payload: '{}',
  }),
  answer('POST /api/reports with a body that does not validate (400)', 400, {
    method: 'POST',
    url: '/api/reports',
    payload: { id: 'x' },
  }),
  {
    name: 'POST /api/reports a second time over rateLimitReports (429)',
    status: 429,
    caching: 'no-store',
    send: () =>
      fromOwnApp({ rateLimitReports: 1 }, async ({ app }) => {
        await app.inject({ method: 'POST', url: '/api/reports', payload: {} });
        return app.inject({ method: 'POST', url: '/api/reports', payload: {} });
      }),
  },
  {
    name: 'GET /api/recipients a second time over rateLimitReads (429)',
    status: 429,
    caching: 'no-store',
    send: () =>
      fromOwnApp({ rateLimitReads: 1 }, async ({ app }) => {
        await app.inject({ url: '/api/recipients' });
        return app.inject({ url: '/api/recipients' });
      }),
  },
  ...['/api/reports', '/api/reports/sealed'].map(
    (url): Case => ({
      name: `POST ${url} while commits are slow (503)`,
      status: 503,
      caching: 'no-store',
      send: () =>
        fromOwnApp({ maxCommitMs: 1 }, async ({ app }) => {
          app.commitMeter.record(60_000);
          return app.inject({ method: 'POST', url, payload: {} });
        }),
    }),
  ),
  ...['/api/%E0%A4%A', '/%E0%A4%A'].map(
    (url): Case => ({
      name: `GET ${url} (malformed percent-encoding, 400)`,
      status: 400,
      caching: 'no-store',
      send: inject({ url }),
    }),
  ),
  answer('GET /api/releases/<300 characters> (414)', 414, {
    url: `/api/releases/${'a'.repeat(300)}`,
  }),
  ...(
    [
      ['HPE_INVALID_METHOD', 400],
      ['ERR_HTTP_REQUEST_TIMEOUT', 408],
      ['HPE_HEADER_OVERFLOW', 431],
    ] as const
  ).map(
    ([code, status]): Case => ({
      name: `request refused by Node's parser, ${code} (${status})`,
      status,
      caching: 'no-store',
      send: async () => clientError(code),
    }),
  ),
  answer('HEAD /api/recipients', 200, { method: 'HEAD', url: '/api/recipients' }),
];

describe('security headers on every kind of response', () => {
  itAnswersWithTheHeaders(API_CASES);
});
