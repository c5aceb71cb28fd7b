// One version everywhere: package.json, the newest release in CHANGELOG.md, the OpenAPI document,
// and the first line `npm start` prints.
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { removeDir, startServer } from '../helpers/server.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  license: string;
};

it('package.json, CHANGELOG.md and /docs/json name the same version', async () => {
  expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
  const changelog = readFileSync('CHANGELOG.md', 'utf8');
  // The newest dated release heading, as Keep a Changelog writes it.
  const newest = /^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$/m.exec(changelog);
  expect(newest?.[1]).toBe(pkg.version);
  t = await buildTestApp();
  const doc = (await t.app.inject({ url: '/docs/json' })).json() as { info: { version: string } };
  expect(doc.info.version).toBe(pkg.version);
});

it('the server prints its version on its first line, and the licence is stated', async () => {
  const server = await startServer({ SEED_DEMO: 'false' });
  try {
    expect(server.logs().split('\n')[0]).toBe(`Voz Segura ${pkg.version} starting…`);
  } finally {
    await server.stop();
    removeDir(server.dataDir);
  }
  expect(pkg.license).toBe('AGPL-3.0-or-later');
  expect(readFileSync('LICENSE', 'utf8')).toMatch(/^GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3/);
}, 60_000);
