// The workspace's exact figures in Chromium, as an admin of the organisation sees them: marked
// confidential on screen and on every printed page, small cells withheld, a CSV whose first line
// says confidential, and each query in the audit log. Nothing is fetched from another origin.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeClean, blockForeignRequests } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { serverAdvocacy, submitToServer } from '../helpers/server-reports.ts';
import { demoLogins, signInAndUnlock } from '../helpers/workspace-ui.ts';

const suite = browserSuite({ POW_DIFFICULTY: '0' }, async (server) => {
  const org = await serverAdvocacy(server.url);
  await submitToServer(server.url, org, 6, { region: '1501', perpetrators: ['police'] });
  await submitToServer(server.url, org, 2, { region: '16', perpetrators: ['client'] });
  await submitToServer(server.url, org, 5, { region: '07', perpetrators: ['client'] });
});

/** The advocacy organisation's demo admin, and a page on a new phone-sized context (`prepare` runs on it first). */
async function adminPhone(prepare?: (context: BrowserContext) => Promise<void>) {
  const admin = demoLogins(suite.server.logs()).get('demo-colectivo');
  if (!admin) throw new Error('no demo login');
  const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
  await prepare?.(context);
  return { admin, context, page: await context.newPage() };
}

describe('exact figures in the workspace', () => {
  it('an admin reads them marked confidential, withheld where small, exports them, and each is audited', async () => {
    const foreign: string[] = [];
    const { admin, context, page } = await adminPhone((context) =>
      blockForeignRequests(context, suite.server.url, foreign),
    );
    await signInAndUnlock(page, suite.server.url, admin);
    await page.getByRole('button', { name: /Cifras exactas/ }).click();
    await page.locator('#exact-form').waitFor();
    await expect
      .poll(() => page.locator('.confidential-banner').textContent())
      .toContain('CONFIDENCIAL');
    await axeClean(page, 'exact figures');

    await page.getByLabel('Agrupar por').selectOption('region');
    await page.getByRole('button', { name: /Ver cifras/ }).click();
    const lima = page.locator('#exact-result tbody tr', { hasText: 'Lima Metropolitana' });
    await expect.poll(() => lima.locator('td').textContent()).toBe('6');
    // Two reports in Loreto: under k = 5, so withheld, with the smallest other cell (Callao, 5)
    // so that the total cannot give it away.
    const loreto = page.locator('#exact-result tbody tr', { hasText: 'Loreto' });
    expect(await loreto.locator('td').textContent()).toContain('oculto');
    const callao = page.locator('#exact-result tbody tr', { hasText: 'Callao' });
    expect(await callao.locator('td').textContent()).toContain('oculto');
    await axeClean(page, 'exact figures with a table');

    // The download is the same table, and says it is confidential on its first line.
    const href = await page.locator('#exact-csv').getAttribute('href');
    expect(href).toBe('/api/org/stats/csv?by=region');
    const csv = await page.request.get(`${suite.server.url}${href}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n')[0]).toContain('CONFIDENCIAL');

    // Printed: the banner is on every page (fixed), the form and the download are not.
    await page.emulateMedia({ media: 'print' });
    expect(
      await page.locator('.confidential-banner').evaluate((el) => getComputedStyle(el).position),
    ).toBe('fixed');
    expect(await page.locator('#exact-form').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    const db = new Database(path.join(suite.server.dataDir, 'voz-segura.db'), { readonly: true });
    const actions = db
      .prepare("select action from audit_log where action like 'exact_stats%' order by id")
      .all() as Array<{ action: string }>;
    db.close();
    expect(actions.map((a) => a.action)).toEqual(['exact_stats_query', 'exact_stats_export']);

    // The audit log reads as people read: names, Spanish words, Peru time; no codes or UUIDs.
    await page.click('[data-view="audit"]');
    const log = page.locator('#view table');
    await log.waitFor();
    await expect.poll(() => log.textContent()).toContain('Consultó cifras exactas');
    const text = (await log.textContent()) ?? '';
    expect(text).toContain('Descargó cifras exactas (CSV)');
    expect(text).toContain('Entró');
    expect(text).toMatch(/\d{1,2} de [a-z]+ de \d{4}/);
    expect(text).not.toMatch(/exact_stats|\blogin\b|T\d{2}:\d{2}:\d{2}/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}/); // no staff UUID
    await axeClean(page, 'audit log');
    expect(foreign).toEqual([]);
    await context.close();
  }, 120_000);

  it('a table withheld whole says so in one line, not a row of "oculto" per combination', async () => {
    const { admin, context, page } = await adminPhone();
    await signInAndUnlock(page, suite.server.url, admin);
    await page.getByRole('button', { name: /Cifras exactas/ }).click();
    await page.getByLabel('Agrupar por').selectOption('region');
    await page.locator('#by2').selectOption('perpetrator');
    await page.getByRole('button', { name: /Ver cifras/ }).click();
    // Loreto's 2 reports are its region's only ones: no pattern of withheld cells hides them, so
    // the service withholds all 351 combinations.
    const answer = await page.request.get(
      `${suite.server.url}/api/org/stats?by=region,perpetrator`,
    );
    expect(((await answer.json()) as { withheld?: boolean }).withheld).toBe(true);
    await expect.poll(() => page.locator('#exact-result').textContent()).toContain('Tabla oculta');
    expect(await page.locator('#exact-result tr').count()).toBe(0);
    expect(await page.locator('#exact-result').textContent()).not.toContain('oculto · hidden');
    await axeClean(page, 'exact figures, a table withheld whole');
    await context.close();
  }, 120_000);

  it('stays on the view chosen while the inbox is still loading (a slow phone)', async () => {
    const { admin, context, page } = await adminPhone();
    // The inbox's list is held back until the person has moved on to the exact figures.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = false;
    await page.route('**/api/org/reports?*', async (route) => {
      held = true;
      await released;
      await route.continue();
    });
    await page.route('**/api/org/reports', async (route) => {
      held = true;
      await released;
      await route.continue();
    });
    await signInAndUnlock(page, suite.server.url, admin);
    await expect.poll(() => held).toBe(true);
    await page.getByRole('button', { name: /Cifras exactas/ }).click();
    await page.locator('#exact-form').waitFor();
    const answered = page.waitForResponse((r) => r.url().includes('/api/org/reports'));
    release();
    await answered;
    // The inbox, finished late, did not take the screen back.
    await page.locator('#exact-form').waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(await page.locator('#exact-form').isVisible()).toBe(true);
    expect(await page.locator('#view h1').textContent()).toContain('Cifras exactas');
    await context.close();
  }, 120_000);
});
