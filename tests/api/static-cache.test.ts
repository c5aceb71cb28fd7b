// Hashed bundles are cached for good, whether sent plain or precompressed; pages never are.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

const WEB_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

let t: TestApp | undefined;
afterEach(async () => t?.app.close());

it('sends the form uncached and its hashed script immutable, in every encoding', async () => {
  expect(existsSync(WEB_ROOT), 'web/dist is built by npm test (npm run build:web)').toBe(true);
  t = await buildTestApp({ webRoot: WEB_ROOT });
  const page = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
  expect(page.statusCode).toBe(200);
  expect(page.headers['cache-control']).toBe('no-store');
  const script = /src="(\/form\.[0-9A-Z]{8}\.js)"/.exec(
    readFileSync(path.join(WEB_ROOT, 'index.html'), 'utf8'),
  )?.[1];
  expect(script).toBeDefined();
  for (const encoding of ['br', 'gzip', 'identity']) {
    const res = await t.app.inject({ url: script, headers: { 'accept-encoding': encoding } });
    expect(res.statusCode, encoding).toBe(200);
    if (encoding !== 'identity') expect(res.headers['content-encoding'], encoding).toBe(encoding);
    expect(res.headers['cache-control'], encoding).toBe('public, max-age=31536000, immutable');
  }
});
