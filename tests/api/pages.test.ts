// The public pages' addresses (api/routes/pages.ts): each page has one address, and its other
// spellings are sent there with the query string kept.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

const WEB_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

let t: TestApp;
beforeAll(async () => {
  expect(existsSync(WEB_ROOT), 'web/dist is built by npm test (npm run build:web)').toBe(true);
  t = await buildTestApp({ webRoot: WEB_ROOT });
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
