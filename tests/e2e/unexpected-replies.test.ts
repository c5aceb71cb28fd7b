// A reply of the wrong shape is never used (web/src/lib/api-client.ts): each page answered with
// JSON that is not what its route sends shows its usual error, as for a failed connection, and
// draws nothing from it; given the service's real reply again, it works.
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser-suite.ts';
import { serverAdvocacy, submitToServer } from '../helpers/server-reports.ts';
import { demoReleaseToken } from '../helpers/server-stats.ts';
import { demoLogins, signInAndUnlock } from '../helpers/workspace-ui.ts';

let releaseId = '';

const suite = browserSuite({ POW_DIFFICULTY: '0' }, async (server) => {
  // One report, for the workspace's inbox to list once it has the service's real reply.
  await submitToServer(server.url, await serverAdvocacy(server.url), 1, { region: '1501' });
  // The server publishes the snapshot that was due when it started; a release is made from it.
  for (let tries = 0; (await fetch(`${server.url}/api/stats?by=region`)).status !== 200; tries++) {
    if (tries > 300) throw new Error(`no snapshot was published:\n${server.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const res = await fetch(`${server.url}/api/releases`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${demoReleaseToken(server)}`,
    },
    body: JSON.stringify({ title: 'Por región (datos sintéticos)', tables: [['region']] }),
  });
  if (res.status !== 201) throw new Error(`POST /api/releases: ${res.status} ${await res.text()}`);
  releaseId = ((await res.json()) as { id: string }).id;
});

/** Answers 200 with `body` as JSON. */
const answerWith =
  (body: unknown) =>
  (route: Route): Promise<void> =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });

/** What the page shows as text, for checking that nothing of a bad reply reached it. */
const shown = (page: Page): Promise<string> => page.locator('body').innerText();

describe('a reply of the wrong shape', () => {
  it('on the dashboard: says the figures could not be loaded, and draws none', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const stats = (url: URL): boolean => url.pathname === '/api/stats';
    // The service's real answers, with the total as a word.
    await page.route(stats, async (route) => {
      const real = (await (await route.fetch()).json()) as Record<string, unknown>;
      await answerWith({ ...real, total: 'muchos' })(route);
    });
    await page.goto(`${suite.server.url}/estadisticas`);
    await expect
      .poll(() => page.locator('#filter-error').textContent())
      .toBe('No se pudieron cargar las cifras. Intenta de nuevo.');
    expect(await page.locator('#charts').isHidden()).toBe(true);
    expect(await page.locator('body').getAttribute('data-loaded')).toBeNull();
    expect(await shown(page)).not.toMatch(/muchos|undefined|NaN/);

    // The service's own reply, on the next filter change: the figures are drawn.
    await page.unroute(stats);
    await page.getByRole('combobox', { name: 'Región' }).selectOption('1501');
    await page.locator('body[data-loaded]').waitFor();
    expect(await page.locator('#filter-error').isHidden()).toBe(true);
    expect(await page.locator('#no-snapshot').isHidden()).toBe(true);
    expect(await page.locator('#charts').isVisible()).toBe(true);
    await context.close();
  }, 60_000);

  it('on a release page: says the release could not be loaded, and shows none of it', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const release = (url: URL): boolean => url.pathname === `/api/releases/${releaseId}`;
    // The real release, with its tables replaced by text.
    await page.route(release, async (route) => {
      const real = (await (await route.fetch()).json()) as Record<string, unknown>;
      await answerWith({ ...real, tables: 'TABLAS-FALSAS' })(route);
    });
    await page.goto(`${suite.server.url}/publicaciones/${releaseId}`);
    await expect
      .poll(() => page.locator('#release-loading').textContent())
      .toBe('No se pudo cargar la publicación. Intenta de nuevo.');
    expect(await page.locator('#release').isHidden()).toBe(true);
    expect(await page.locator('body').getAttribute('data-loaded')).toBeNull();
    expect(await shown(page)).not.toContain('TABLAS-FALSAS');

    await page.unroute(release);
    await page.reload();
    await page.locator('body[data-loaded]').waitFor();
    expect(await page.locator('#release h1').textContent()).toBe('Por región (datos sintéticos)');
    await context.close();
  }, 60_000);

  it('at /seguimiento/: says there is no connection, and shows no report', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.route(
      (url) => url.pathname === '/api/follow-up/lookup',
      // Of the right shape but for the report's id, a number.
      answerWith({ id: 20260101, receivedDay: '2026-01-01', organisations: [], replies: [] }),
    );
    await page.goto(`${suite.server.url}/seguimiento/`);
    await page.fill('#code', '0000 0000 0000 0000');
    await page.click('#lookup-button');
    await expect
      .poll(() => page.locator('#lookup-status').textContent(), { timeout: 15_000 })
      .toBe('No hay conexión. Intenta otra vez.');
    expect(await page.locator('#result').isHidden()).toBe(true);
    await context.close();
  }, 60_000);

  it('in the workspace: says it could not be done, and lists no reports', async () => {
    const admin = demoLogins(suite.server.logs()).get('demo-colectivo');
    if (!admin) throw new Error('no demo login');
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const inbox = (url: URL): boolean => url.pathname === '/api/org/reports';
    await page.route(inbox, answerWith({ reports: [{ id: 'INFORME-FALSO', box: 7 }] }));
    await signInAndUnlock(page, suite.server.url, admin);
    await expect
      .poll(() => page.locator('#app-status').textContent())
      .toBe('No se pudo hacer. Intenta otra vez. (código: unexpected_reply)');
    expect(await page.locator('ul.reports').count()).toBe(0);
    expect(await shown(page)).not.toContain('INFORME-FALSO');

    await page.unroute(inbox);
    await page.click('[data-view="inbox"]');
    await page.locator('ul.reports li').first().waitFor();
    expect(await page.locator('ul.reports li').count()).toBe(1);
    await context.close();
  }, 90_000);
});
