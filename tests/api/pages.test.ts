// The public pages' addresses (api/routes/public/pages.ts): each page has one address, its other
// spellings are sent there with the query string kept, and an address the site does not have
// gets the site's own 404 page, in HTML, while everything under /api/ keeps the JSON envelope.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRelease } from '../../db/repos/releases-repo.ts';
import { ErrorSchema } from '../../src/contract/schemas.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

const WEB_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');
const RELEASE = '2026-06-15-0a1b2c3d';

let t: TestApp;
beforeAll(async () => {
  expect(existsSync(WEB_ROOT), 'web/dist is built by npm test (npm run build:web)').toBe(true);
  t = await buildTestApp({ webRoot: WEB_ROOT });
  insertRelease(t.handle.db, {
    id: RELEASE,
    orgId: t.orgs.advocacy.id,
    title: 'Una publicación',
    publishedDay: '2026-06-15',
    corrects: null,
    document: '{}',
  });
});
afterAll(async () => t?.app.close());

describe('canonical addresses', () => {
  it.each([
    ['/seguimiento', '/seguimiento/'],
    ['/equipo', '/equipo/'],
    ['/estadisticas/', '/estadisticas'],
    ['/publicaciones', '/estadisticas#releases'],
    ['/publicaciones/', '/estadisticas#releases'],
  ])('sends %s to %s for good, and that address is a page', async (from, to) => {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await t.app.inject({ method, url: from });
      expect(res.statusCode, `${method} ${from}`).toBe(301);
      expect(res.headers.location).toBe(to);
    }
    const page = await t.app.inject({ url: to.split('#')[0] });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('keeps the query string', async () => {
    const cases: Array<[string, string]> = [
      ['/seguimiento?a=1&b=2', '/seguimiento/?a=1&b=2'],
      ['/equipo?x', '/equipo/?x'],
      ['/estadisticas/?lang=en', '/estadisticas?lang=en'],
      ['/publicaciones/?lang=en', '/estadisticas?lang=en#releases'],
    ];
    for (const [from, to] of cases) {
      expect((await t.app.inject({ url: from })).headers.location, from).toBe(to);
    }
  });
});

describe('an address the site does not have', () => {
  const expectNotFoundPage = (res: Awaited<ReturnType<typeof t.app.inject>>, what: string) => {
    expect(res.statusCode, what).toBe(404);
    expect(res.headers['content-type'], what).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control'], what).toBe('no-store');
    expect(res.headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
  };

  it('gets the site 404 page for an unknown release, in Spanish, with the quick exit', async () => {
    for (const url of ['/publicaciones/2026-01-01-ffffffff', `/publicaciones/${'a'.repeat(80)}`]) {
      const res = await t.app.inject({ url });
      expectNotFoundPage(res, url);
      expect(res.body).toContain('<html lang="es">');
      expect(res.body).toContain('No encontramos esta página');
      expect(res.body).toContain('id="quick-exit"');
      expect(res.body).not.toContain('"error"');
    }
    const known = await t.app.inject({ url: `/publicaciones/${RELEASE}` });
    expect(known.statusCode).toBe(200);
    expect(known.body).not.toContain('No encontramos esta página');
  });

  it('gets the 404 page for any unknown page address, compressed or not, and for HEAD', async () => {
    for (const url of ['/nada', '/seguimiento/nada', '/estadisticas/nada/mas?x=1']) {
      expectNotFoundPage(await t.app.inject({ url }), url);
    }
    const br = await t.app.inject({ url: '/nada', headers: { 'accept-encoding': 'br' } });
    expectNotFoundPage(br, 'brotli');
    expect(br.headers['content-encoding']).toBe('br');
    const head = await t.app.inject({ method: 'HEAD', url: '/nada' });
    expectNotFoundPage(head, 'HEAD');
    expect(head.body).toBe('');
    // Always the whole page, never a part or "not modified".
    const ranged = await t.app.inject({ url: '/nada', headers: { range: 'bytes=0-9' } });
    expectNotFoundPage(ranged, 'range');
    expect(ranged.body).toContain('</html>');
  });

  it('keeps the JSON error envelope under /api/ and for anything but GET and HEAD', async () => {
    for (const [method, url] of [
      ['GET', '/api/unknown'],
      ['GET', '/api'],
      ['HEAD', '/api/unknown'],
      ['POST', '/nada'],
      ['DELETE', '/publicaciones/x'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type'], `${method} ${url}`).toBe(
        'application/json; charset=utf-8',
      );
      if (method !== 'HEAD') {
        expect(ErrorSchema.safeParse(res.json()).success).toBe(true);
        expect(res.json().error.code).toBe('not_found');
      }
    }
  });

  it('falls back to the JSON envelope when the pages were built without a 404 page', async () => {
    // An older build of web/dist: asking for the missing page must not loop back to the handler.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'voz-segura-web-'));
    copyFileSync(path.join(WEB_ROOT, 'index.html'), path.join(dir, 'index.html'));
    const old = await buildTestApp({ webRoot: dir });
    try {
      for (const url of ['/nada', '/publicaciones/2026-01-01-ffffffff']) {
        const res = await old.app.inject({ url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code, url).toBe('not_found');
      }
    } finally {
      await old.app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
