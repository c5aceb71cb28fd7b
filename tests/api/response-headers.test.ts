// The security headers the issue asks for are on every kind of response, not only on the API
// answers that tests/api/recipients.test.ts checks: every built file in every encoding, every
// page, the API docs, each error a client can provoke (including those Fastify or Node give
// before any hook runs), HEAD and OPTIONS. Hashed bundles may be cached for good, and the
// published statistics (the same for everyone until the next snapshot) for five minutes; nothing
// else may be. Only the built pages are checked for inline script, which the CSP would block.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../api/app.ts';
import { MESSAGE_BODY_LIMIT, REPORT_BODY_LIMIT, SMALL_BODY_LIMIT } from '../../api/body-limits.ts';
import { insertRelease } from '../../db/releases-repo.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { publishTestSnapshot } from '../helpers/snapshots.ts';
import { addTestStaff, as, signIn } from '../helpers/staff.ts';

const WEB_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

// What the issue requires, written out here rather than imported, so a change to the production
// value has to change this too.
const SCRIPT_SRC = "'self' 'wasm-unsafe-eval'";
const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), ' +
  'gyroscope=(), magnetometer=(), browsing-topics=()';
const HSTS = 'max-age=31536000; includeSubDomains';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const PUBLISHED = 'public, max-age=300';
const HASHED = /\.[0-9A-Z]{8}\.(js|css|wasm)$/i;
const PRECOMPRESSED = /\.(html|js|css|svg|json|webmanifest)$/;
const ENCODINGS = ['br', 'gzip', 'identity'] as const;

type Caching = 'no-store' | 'immutable' | 'published';
type Answer = { statusCode: number; headers: Record<string, unknown>; rawPayload?: Buffer };

/** Every file in web/dist except the precompressed copies, relative and with forward slashes. */
function builtFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? builtFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    )
    .filter((file) => !/\.(br|gz)$/.test(file))
    .sort();
}

const FILES = builtFiles(WEB_ROOT);
const BUNDLE = FILES.find((f) => /^form\.[0-9A-Z]{8}\.js$/i.test(f)) ?? 'form.NOTBUILT.js';
const RELEASE_ID = '2026-01-01-headers';

function parseCsp(value: string): Map<string, string> {
  return new Map(
    value
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...sources] = part.split(/\s+/);
        return [name.toLowerCase(), sources.join(' ')] as const;
      }),
  );
}

function expectSecurityHeaders(where: string, res: Answer, caching: Caching): void {
  const header = (name: string): string | undefined => {
    const value = res.headers[name];
    // Sent twice would arrive as an array, and a browser would combine the two.
    expect(Array.isArray(value), `${where}: ${name} is sent once`).toBe(false);
    return value === undefined ? undefined : String(value);
  };
  const csp = parseCsp(header('content-security-policy') ?? '');
  expect(csp.get('script-src'), `${where}: CSP script-src`).toBe(SCRIPT_SRC);
  for (const [name, sources] of csp) {
    if (name.startsWith('script-src')) {
      expect(sources, `${where}: CSP ${name}`).not.toMatch(/'unsafe-(inline|eval|hashes)'/);
    }
  }
  expect(csp.get('default-src'), `${where}: CSP default-src`).toBe("'self'");
  expect(csp.get('frame-ancestors'), `${where}: CSP frame-ancestors`).toBe("'none'");
  expect(header('referrer-policy'), `${where}: referrer-policy`).toBe('no-referrer');
  expect(header('permissions-policy'), `${where}: permissions-policy`).toBe(PERMISSIONS_POLICY);
  expect(header('strict-transport-security'), `${where}: strict-transport-security`).toBe(HSTS);
  expect(header('x-content-type-options'), `${where}: x-content-type-options`).toBe('nosniff');
  expect(header('cache-control'), `${where}: cache-control`).toBe(
    caching === 'immutable' ? IMMUTABLE : caching === 'published' ? PUBLISHED : 'no-store',
  );
}

let main: TestApp;
beforeAll(async () => {
  main = await buildTestApp({ webRoot: WEB_ROOT, config: { hsts: true } });
  insertRelease(main.handle.db, {
    id: RELEASE_ID,
    orgId: main.orgs.advocacy.id,
    title: 'Publicación de prueba (ficticia)',
    publishedDay: '2026-01-01',
    corrects: null,
    document: '{}',
  });
});
afterAll(async () => main?.app.close());

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

type Case = { name: string; status: number; caching: Caching; send: () => Promise<Answer> };

const inject = (opts: InjectOptions) => () => main.app.inject(opts);
const json = { 'content-type': 'application/json' };
const oversized = (limit: number) => 'x'.repeat(limit + 1);

const FILE_CASES: Case[] = FILES.flatMap((file) =>
  ENCODINGS.map((encoding) => ({
    name: `GET /${file} (accept-encoding: ${encoding})`,
    status: 200,
    caching: HASHED.test(file) ? ('immutable' as const) : ('no-store' as const),
    send: inject({ url: `/${file}`, headers: { 'accept-encoding': encoding } }),
  })),
);

const PAGES = ['/', '/equipo/', '/seguimiento/', '/estadisticas', `/publicaciones/${RELEASE_ID}`];
const PAGE_CASES: Case[] = PAGES.flatMap((url) =>
  ENCODINGS.map((encoding) => ({
    name: `GET ${url} (accept-encoding: ${encoding})`,
    status: 200,
    caching: 'no-store' as const,
    send: inject({ url, headers: { 'accept-encoding': encoding } }),
  })),
);

const OTHER_CASES: Case[] = [
  { name: 'GET /docs', status: 200, caching: 'no-store', send: inject({ url: '/docs' }) },
  { name: 'GET /docs/json', status: 200, caching: 'no-store', send: inject({ url: '/docs/json' }) },
  {
    name: 'GET /docs/static/swagger-initializer.js',
    status: 200,
    caching: 'no-store',
    send: inject({ url: '/docs/static/swagger-initializer.js' }),
  },
  // Swagger UI's own files come from the @fastify/static instance inside @fastify/swagger-ui,
  // which set "public, max-age=0" over our default until openapi.ts replaced it.
  {
    name: 'GET /docs/static/swagger-ui.css',
    status: 200,
    caching: 'no-store',
    send: inject({ url: '/docs/static/swagger-ui.css' }),
  },
  {
    name: 'GET /docs/static/index.html (redirect)',
    status: 302,
    caching: 'no-store',
    send: inject({ url: '/docs/static/index.html' }),
  },
  {
    name: 'GET /api/recipients',
    status: 200,
    caching: 'no-store',
    send: inject({ url: '/api/recipients' }),
  },
  {
    name: 'GET /api/stats before any snapshot (404)',
    status: 404,
    caching: 'no-store',
    send: inject({ url: '/api/stats?by=region' }),
  },
  ...['', 'br'].map(
    (encoding): Case => ({
      name: `GET /api/stats from a snapshot (accept-encoding: ${encoding || 'identity'})`,
      status: 200,
      caching: 'published',
      send: () =>
        fromOwnApp({}, async ({ app, handle }) => {
          publishTestSnapshot(handle.db, '2026-01-01');
          return app.inject({
            url: '/api/stats?by=region',
            headers: encoding ? { 'accept-encoding': encoding } : {},
          });
        }),
    }),
  ),
  {
    name: 'GET /api/stats revalidated (304)',
    status: 304,
    caching: 'published',
    send: () =>
      fromOwnApp({}, async ({ app, handle }) => {
        publishTestSnapshot(handle.db, '2026-01-01');
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
    send: () =>
      fromOwnApp({}, async ({ app, handle }) => {
        publishTestSnapshot(handle.db, '2026-01-01');
        return app.inject({ url: '/api/stats?by=identity,setting' });
      }),
  },
  {
    name: 'GET /api/org/stats without a session (401)',
    status: 401,
    caching: 'no-store',
    send: inject({ url: '/api/org/stats?by=region' }),
  },
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
  {
    name: 'GET /nowhere (404)',
    status: 404,
    caching: 'no-store',
    send: inject({ url: '/nowhere' }),
  },
  {
    name: 'GET /equipo without its slash (301 to /equipo/)',
    status: 301,
    caching: 'no-store',
    send: inject({ url: '/equipo' }),
  },
  {
    name: 'GET /publicaciones/unknown (404 from a page route)',
    status: 404,
    caching: 'no-store',
    send: inject({ url: '/publicaciones/unknown' }),
  },
  {
    name: `POST /${BUNDLE} (404 on a static file)`,
    status: 404,
    caching: 'no-store',
    send: inject({ method: 'POST', url: `/${BUNDLE}` }),
  },
  {
    name: 'GET /api/staff/me without a session (401)',
    status: 401,
    caching: 'no-store',
    send: inject({ url: '/api/staff/me' }),
  },
  {
    name: 'POST /api/staff/login over the body limit (413)',
    status: 413,
    caching: 'no-store',
    send: inject({
      method: 'POST',
      url: '/api/staff/login',
      headers: json,
      payload: oversized(SMALL_BODY_LIMIT),
    }),
  },
  {
    name: 'POST /api/org/reports/x/notes over the body limit (413)',
    status: 413,
    caching: 'no-store',
    send: inject({
      method: 'POST',
      url: '/api/org/reports/x/notes',
      headers: json,
      payload: oversized(MESSAGE_BODY_LIMIT),
    }),
  },
  {
    name: 'POST /api/reports over the body limit (413)',
    status: 413,
    caching: 'no-store',
    send: inject({
      method: 'POST',
      url: '/api/reports',
      headers: json,
      payload: oversized(REPORT_BODY_LIMIT),
    }),
  },
  {
    name: 'POST /api/reports as a form (415)',
    status: 415,
    caching: 'no-store',
    send: inject({
      method: 'POST',
      url: '/api/reports',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    }),
  },
  {
    name: 'POST /api/reports as text/plain (415)',
    status: 415,
    caching: 'no-store',
    send: inject({
      method: 'POST',
      url: '/api/reports',
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    }),
  },
  {
    name: 'POST /api/reports with a body that does not validate (400)',
    status: 400,
    caching: 'no-store',
    send: inject({ method: 'POST', url: '/api/reports', payload: { id: 'x' } }),
  },
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
  {
    name: 'GET /api/releases/<300 characters> (414)',
    status: 414,
    caching: 'no-store',
    send: inject({ url: `/api/releases/${'a'.repeat(300)}` }),
  },
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
  {
    name: `GET /${BUNDLE} revalidated (304)`,
    status: 304,
    caching: 'immutable',
    send: async () => {
      const first = await main.app.inject({ url: `/${BUNDLE}` });
      return main.app.inject({
        url: `/${BUNDLE}`,
        headers: { 'if-none-match': String(first.headers.etag) },
      });
    },
  },
  {
    name: 'GET / revalidated (304)',
    status: 304,
    caching: 'no-store',
    send: async () => {
      const first = await main.app.inject({ url: '/' });
      return main.app.inject({
        url: '/',
        headers: { 'if-none-match': String(first.headers.etag) },
      });
    },
  },
  {
    name: `GET /${BUNDLE} with a range (206)`,
    status: 206,
    caching: 'immutable',
    send: inject({ url: `/${BUNDLE}`, headers: { range: 'bytes=0-9' } }),
  },
  {
    name: `GET /${BUNDLE} with a range past its end (416)`,
    status: 416,
    caching: 'no-store',
    send: inject({ url: `/${BUNDLE}`, headers: { range: 'bytes=99999999-' } }),
  },
  { name: 'HEAD /', status: 200, caching: 'no-store', send: inject({ method: 'HEAD', url: '/' }) },
  {
    name: `HEAD /${BUNDLE} (accept-encoding: gzip)`,
    status: 200,
    caching: 'immutable',
    send: inject({ method: 'HEAD', url: `/${BUNDLE}`, headers: { 'accept-encoding': 'gzip' } }),
  },
  {
    name: 'HEAD /api/recipients',
    status: 200,
    caching: 'no-store',
    send: inject({ method: 'HEAD', url: '/api/recipients' }),
  },
  {
    name: 'HEAD /nowhere (404)',
    status: 404,
    caching: 'no-store',
    send: inject({ method: 'HEAD', url: '/nowhere' }),
  },
  ...['/', '/api/reports', '/api/staff/login', '*'].map(
    (url): Case => ({
      name: `OPTIONS ${url}`,
      status: 404,
      caching: 'no-store',
      send: inject({ method: 'OPTIONS', url }),
    }),
  ),
];

describe('security headers on every kind of response', () => {
  it('has a built web/dist to check, with pages and hashed bundles', () => {
    expect(existsSync(WEB_ROOT), 'web/dist is built by npm test (npm run build:web)').toBe(true);
    expect(FILES).toContain('index.html');
    expect(FILES).toContain(BUNDLE);
  });

  it.for([...FILE_CASES, ...PAGE_CASES, ...OTHER_CASES])('$name', async (c) => {
    const res = await c.send();
    expect(res.statusCode, `${c.name}: status`).toBe(c.status);
    expectSecurityHeaders(c.name, res, c.caching);
  });
});

describe('precompressed files', () => {
  const compressible = FILES.filter((file) => PRECOMPRESSED.test(file));

  it.for(compressible)('/%s has .br and .gz copies of the same bytes', (file) => {
    const original = readFileSync(path.join(WEB_ROOT, file));
    for (const [suffix, inflate] of [
      ['.br', brotliDecompressSync],
      ['.gz', gunzipSync],
    ] as const) {
      const copy = path.join(WEB_ROOT, `${file}${suffix}`);
      expect(existsSync(copy), `/${file}${suffix} exists`).toBe(true);
      expect(inflate(readFileSync(copy)).equals(original), `/${file}${suffix} matches`).toBe(true);
    }
  });

  it.for(compressible)('/%s is sent precompressed in each encoding asked for', async (file) => {
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
      ['identity', ''],
    ] as const) {
      const where = `GET /${file} (accept-encoding: ${encoding})`;
      const res = await main.app.inject({
        url: `/${file}`,
        headers: { 'accept-encoding': encoding },
      });
      expect(res.statusCode, where).toBe(200);
      expect(res.headers['content-encoding'], `${where}: content-encoding`).toBe(
        encoding === 'identity' ? undefined : encoding,
      );
      const sent = readFileSync(path.join(WEB_ROOT, `${file}${suffix}`));
      expect(res.rawPayload.equals(sent), `${where}: body is /${file}${suffix}`).toBe(true);
    }
  });
});

describe('built pages', () => {
  const pages = FILES.filter((file) => file.endsWith('.html'));

  it('include the form, the workspace and the follow-up page', () => {
    expect(pages).toEqual(
      expect.arrayContaining(['index.html', 'equipo/index.html', 'seguimiento/index.html']),
    );
  });

  it.for(pages)('/%s runs no inline script', (file) => {
    const html = readFileSync(path.join(WEB_ROOT, file), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
    // Every built page loads its bundle, so finding none means this check read nothing.
    expect(scripts.length, `/${file}: script elements`).toBeGreaterThan(0);
    expect(html.match(/<script\b/gi)?.length, `/${file}: every <script> is closed`).toBe(
      scripts.length,
    );
    for (const [tag, attributes = '', body = ''] of scripts) {
      expect(attributes, `/${file}: ${tag.slice(0, 80)} loads a file`).toMatch(/\ssrc\s*=/i);
      expect(body.trim(), `/${file}: ${tag.slice(0, 80)} has no inline body`).toBe('');
    }
    // Attributes are read tag by tag, so Spanish text such as "son =" cannot be mistaken for one.
    for (const [tag] of html.matchAll(/<[a-z][^\s>/]*(?:\s+(?:"[^"]*"|'[^']*'|[^'">])*)?>/gi)) {
      const unquoted = tag.replace(/"[^"]*"|'[^']*'/g, '""');
      const names = [...unquoted.matchAll(/\s([^\s"'>/=]+)(?=\s*=)/g)].map(([, n = '']) => n);
      const handlers = names.filter((name) => /^on\w+$/i.test(name));
      expect(handlers, `/${file}: event-handler attributes in ${tag.slice(0, 80)}`).toEqual([]);
      expect(tag, `/${file}: javascript: URL in ${tag.slice(0, 80)}`).not.toMatch(
        /=\s*["']?\s*javascript:/i,
      );
    }
  });
});
