// What the response-header tests (tests/api/response-headers*.test.ts) share: the built files to
// ask for, the headers every response must carry, and the app most cases ask.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertRelease } from '../../db/repos/releases-repo.ts';
import { buildTestApp, type TestApp } from './app.ts';

export const WEB_ROOT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'web',
  'dist',
);

// What the issue requires, written out here rather than imported, so a change to the production
// value has to change this too.
const SCRIPT_SRC = "'self' 'wasm-unsafe-eval'";
const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), accelerometer=(), ' +
  'gyroscope=(), magnetometer=(), browsing-topics=()';
const HSTS = 'max-age=31536000; includeSubDomains';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const PUBLISHED = 'public, max-age=300';
export const HASHED = /\.[0-9A-Z]{8}\.(js|css|wasm)$/i;
export const ENCODINGS = ['br', 'gzip', 'identity'] as const;

export type Caching = 'no-store' | 'immutable' | 'published';
export type Answer = { statusCode: number; headers: Record<string, unknown>; rawPayload?: Buffer };
export type Case = { name: string; status: number; caching: Caching; send: () => Promise<Answer> };

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

export const FILES = builtFiles(WEB_ROOT);
export const BUNDLE = FILES.find((f) => /^form\.[0-9A-Z]{8}\.js$/i.test(f)) ?? 'form.NOTBUILT.js';
export const RELEASE_ID = '2026-01-01-headers';

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

/** One test per case: the status it expects, and every security header with its caching. */
export function itAnswersWithTheHeaders(cases: Case[]): void {
  it.for(cases)('$name', async (c) => {
    const res = await c.send();
    expect(res.statusCode, `${c.name}: status`).toBe(c.status);
    expectSecurityHeaders(c.name, res, c.caching);
  });
}

type MainApp = {
  /** The app, once the file's beforeAll has run. */
  readonly app: FastifyInstance;
  /** Sends `opts` to the app, when called. */
  inject: (opts: InjectOptions) => () => Promise<Answer>;
  /** The case of one request to the app. */
  answer: (name: string, status: number, opts: InjectOptions, caching?: Caching) => Case;
};

/**
 * Registers the file's beforeAll/afterAll for the app most cases ask: the built pages served,
 * HSTS on, and one release to show at /publicaciones/RELEASE_ID.
 */
export function mainApp(): MainApp {
  let main: TestApp | undefined;
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
  const self: MainApp = {
    get app(): FastifyInstance {
      if (!main) throw new Error('the app is not built yet (use it inside a test)');
      return main.app;
    },
    inject: (opts) => () => self.app.inject(opts),
    answer: (name, status, opts, caching = 'no-store') => ({
      name,
      status,
      caching,
      send: self.inject(opts),
    }),
  };
  return self;
}
