// The security headers the issue asks for are on every kind of response, not only on the API
// answers that tests/api/recipients.test.ts checks: every built file in every encoding, every
// page, the API docs, what static files answer to revalidation, ranges, HEAD and OPTIONS (the
// API's own answers and errors: response-headers-api.test.ts). Hashed bundles may be cached for
// good; nothing else here may be. The built files have precompressed copies of the same bytes,
// and only the built pages are checked for inline script, which the CSP would block.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE,
  type Case,
  ENCODINGS,
  FILES,
  HASHED,
  itAnswersWithTheHeaders,
  mainApp,
  RELEASE_ID,
  WEB_ROOT,
} from '../helpers/response-headers.ts';

const PRECOMPRESSED = /\.(html|js|css|svg|json|webmanifest)$/;

const main = mainApp();
const { answer, inject } = main;

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
  answer('GET /docs', 200, { url: '/docs' }),
  answer('GET /docs/json', 200, { url: '/docs/json' }),
  answer('GET /docs/static/swagger-initializer.js', 200, {
    url: '/docs/static/swagger-initializer.js',
  }),
  // Swagger UI's own files come from the @fastify/static instance inside @fastify/swagger-ui,
  // which set "public, max-age=0" over our default until openapi.ts replaced it.
  answer('GET /docs/static/swagger-ui.css', 200, { url: '/docs/static/swagger-ui.css' }),
  answer('GET /docs/static/index.html (redirect)', 302, { url: '/docs/static/index.html' }),
  answer('GET /nowhere (404)', 404, { url: '/nowhere' }),
  answer('GET /equipo without its slash (301 to /equipo/)', 301, { url: '/equipo' }),
  answer('GET /publicaciones/unknown (404 from a page route)', 404, {
    url: '/publicaciones/unknown',
  }),
  answer(`POST /${BUNDLE} (404 on a static file)`, 404, { method: 'POST', url: `/${BUNDLE}` }),
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
  answer(
    `GET /${BUNDLE} with a range (206)`,
    206,
    { url: `/${BUNDLE}`, headers: { range: 'bytes=0-9' } },
    'immutable',
  ),
  answer(`GET /${BUNDLE} with a range past its end (416)`, 416, {
    url: `/${BUNDLE}`,
    headers: { range: 'bytes=99999999-' },
  }),
  answer('HEAD /', 200, { method: 'HEAD', url: '/' }),
  answer(
    `HEAD /${BUNDLE} (accept-encoding: gzip)`,
    200,
    { method: 'HEAD', url: `/${BUNDLE}`, headers: { 'accept-encoding': 'gzip' } },
    'immutable',
  ),
  answer('HEAD /nowhere (404)', 404, { method: 'HEAD', url: '/nowhere' }),
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

  itAnswersWithTheHeaders([...FILE_CASES, ...PAGE_CASES, ...OTHER_CASES]);
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
