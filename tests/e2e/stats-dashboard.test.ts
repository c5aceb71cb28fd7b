// The public dashboard and a release in Chromium on a phone-sized screen: reports sent after a
// snapshot are not in it; after the next, it shows the API's figures as "≈ N (lo–hi)" or
// "menos de 10", filters change the figures, a chart the catalogue does not publish says so,
// every chart has its table, an organisation publishes a release, and the release page and CSV
// say what the API says. Nothing is fetched from another origin.
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Facts } from '../../src/contract/schemas.ts';
import type { PublicStats } from '../../src/statistics/public-query.ts';
import { fullFigure } from '../../web/src/pages/stats/figures.ts';
import { axeClean, blockForeignRequests } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { monthsAgo } from '../helpers/months.ts';
import { type ServerOrg, serverAdvocacy, submitToServer } from '../helpers/server-reports.ts';
import { demoReleaseToken, publishServerSnapshot } from '../helpers/server-stats.ts';

let context: BrowserContext;
let token: string;
// Less noise than the default, so that the figures the test reads are surely 10 or more.
const STATS = { STATS_K: '3', STATS_RHO: '10' };
const foreignRequests: string[] = [];

async function api(query: string): Promise<PublicStats> {
  const res = await fetch(`${suite.server.url}${query}`);
  expect(res.status, query).toBe(200);
  return (await res.json()) as PublicStats;
}

const totalText = (t: PublicStats): string =>
  fullFigure({ count: t.total, interval: t.totalInterval }, 'es');

// Reports are seeded straight through the API here, so proof of work is off for this server.
const env = { ...STATS, POW_DIFFICULTY: '0', RATE_LIMIT_REPORTS: '100' };
const suite = browserSuite(env, async (server) => {
  token = demoReleaseToken(server);
  const org = await serverAdvocacy(server.url);
  const submit = (o: ServerOrg, times: number, facts: Partial<Facts>) =>
    submitToServer(server.url, o, times, facts);
  // Enough police reports in Lima that, even noisy, they are listed in the table as a figure
  // (a table whose every figure is under 10 is one line instead: tests/e2e/stats-phone.test.ts).
  await submit(org, 25, { region: '1501', perpetrators: ['police'], violence: ['extortion'] });
  await submit(org, 4, { region: '1501', perpetrators: ['serenazgo'], violence: ['robbery'] });
  await submit(org, 5, {
    region: '16',
    perpetrators: ['police', 'client'],
    violence: ['physical'],
    incidentMonth: monthsAgo(5),
  });
  await submit(org, 3, {
    region: '25',
    perpetrators: ['client'],
    violence: ['threats'],
    incidentMonth: monthsAgo(5),
  });
});

beforeAll(async () => {
  context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
  await blockForeignRequests(context, suite.server.url, foreignRequests);
});

describe('the statistics dashboard', () => {
  it('shows the API figures, follows a filter, opens a data table, and publishes a release', async () => {
    const page = await context.newPage();
    const scripts: Array<Promise<number>> = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.body().then((b) => b.length));
    });
    // The server publishes the due snapshot in a worker thread as it starts.
    await expect
      .poll(async () => (await fetch(`${suite.server.url}/api/stats?by=region`)).status)
      .toBe(200);
    await page.goto(`${suite.server.url}/estadisticas`);
    // The server published the snapshot that was due when it started (the last closed quarter),
    // before any of these reports arrived: they are not in the figures until the next one.
    await page.locator('body[data-loaded]').waitFor();
    const before = await api('/api/stats?by=region');
    expect(before.snapshot.through < new Date().toISOString().slice(0, 10)).toBe(true);
    await expect.poll(() => page.locator('#total').textContent()).toBe(totalText(before));
    // Light enough for a cheap phone on a slow connection: no schema or crypto library here.
    const scriptBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    expect(scriptBytes).toBeLessThan(64 * 1024);

    publishServerSnapshot(suite.server, STATS);
    await page.reload();
    await page.locator('body[data-loaded]').waitFor();
    const all = await api('/api/stats?by=region');
    // 37 reports, with noise: the page shows the API's figure with its range.
    expect(Math.abs(all.total - 37)).toBeLessThan(40);
    await expect.poll(() => page.locator('#total').textContent()).toBe(totalText(all));
    expect(await page.locator('#total').textContent()).toMatch(/^≈ \d+ \(\d+–\d+\)$|^menos de 10$/);
    expect(await page.locator('#snapshot-info').textContent()).toContain(
      'Cifras con los reportes recibidos hasta el',
    );
    await axeClean(page, 'dashboard');

    // Filter to Lima Metropolitana: the total and the perpetrator table follow the API.
    const loaded = await page.locator('body').getAttribute('data-loaded');
    await page.getByRole('combobox', { name: 'Región' }).selectOption('1501');
    await page.waitForFunction((before) => document.body.dataset.loaded !== before, loaded);
    const lima = await api('/api/stats?by=perpetrator&region=1501');
    await expect.poll(() => page.locator('#total').textContent()).toBe(totalText(lima));
    // Violence by region is not in the public catalogue: the chart says so instead of a figure.
    await expect
      .poll(() => page.locator('#chart-violence .figure').textContent())
      .toContain('no se publica con los filtros elegidos');

    // The data table is one tap away and says the same as the API.
    const section = page.locator('#chart-perpetrator');
    await expect.poll(() => section.locator('table.data').isVisible()).toBe(false);
    await section.getByText('Ver tabla de datos').click();
    const policeRow = section.locator('table.data tbody tr', { hasText: 'Policía' });
    const police = lima.cells.find((c) => c.perpetrator === 'police');
    if (!police) throw new Error('no police cell');
    await expect.poll(() => policeRow.locator('td').textContent()).toBe(fullFigure(police, 'es'));
    // Small figures are a band, never a precise-looking small number.
    const militaryRow = section.locator('table.data tbody tr', { hasText: 'Militar' });
    const military = lima.cells.find((c) => c.perpetrator === 'military');
    if (military && military.count < 10) {
      expect(await militaryRow.locator('td').textContent()).toBe('menos de 10');
    }
    await axeClean(page, 'dashboard with a table open');

    // By keyboard: the language switch works with Enter.
    await page.locator('#switch-lang').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Violence against sex workers in Peru');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('es');

    // An analyst publishes the current view as a release.
    await page.getByText('Publicar una versión (organizaciones)').click();
    await page.getByLabel('Título').fill('Lima Metropolitana (datos sintéticos)');
    await page.getByLabel('Clave de publicación de la organización').fill(token);
    await page.getByRole('button', { name: 'Publicar' }).click();
    const link = page.locator('#published-link');
    await link.waitFor();
    await link.click();
    await page.locator('body[data-loaded]').waitFor();
    const releaseId = page.url().split('/').pop() ?? '';
    expect(releaseId).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Lima Metropolitana (datos sintéticos)');
    expect(await page.getByText('Datos sintéticos de demostración').count()).toBeGreaterThan(0);
    const note = await page.locator('.method-note').textContent();
    expect(note).toContain('Reportes recibidos hasta el');
    expect(note).toContain('La unidad es el reporte de un hecho');
    expect(note).toContain('la cifra real 9 de cada 10 veces');
    await axeClean(page, 'release');
    // Printed, it is a report: no buttons or site bar, the title page on its own.
    await page.emulateMedia({ media: 'print' });
    expect(
      await page.getByRole('button', { name: 'Imprimir o guardar como PDF' }).isVisible(),
    ).toBe(false);
    expect(await page.locator('header.bar').isVisible()).toBe(false);
    expect(
      await page.locator('.title-page').evaluate((el) => getComputedStyle(el).breakAfter),
    ).toBe('page');
    await page.emulateMedia({ media: 'screen' });

    // The CSV download holds exactly the API's figures for the same query.
    const csv = await (await fetch(`${suite.server.url}/api/releases/${releaseId}/csv`)).text();
    const rows = csv
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const perpetratorRows = rows.filter((r) => r[3] === 'perpetrator' && r[4] === 'perpetrator');
    expect(perpetratorRows).toHaveLength(lima.cells.length);
    for (const cell of lima.cells) {
      const row = perpetratorRows.find((r) => r[5] === cell.perpetrator);
      expect(row?.slice(8, 11), String(cell.perpetrator)).toEqual([
        String(cell.count),
        String(cell.interval[0]),
        String(cell.interval[1]),
      ]);
    }
    const totalRow = rows.find((r) => r[3] === 'perpetrator' && r[4] === 'total');
    expect(totalRow?.[8]).toBe(String(lima.total));
    // The page shows the same numbers as its CSV.
    const pagePolice = page
      .locator('section.chart')
      .first()
      .locator('tbody tr', { hasText: 'Policía' });
    expect(await pagePolice.locator('td').textContent()).toBe(fullFigure(police, 'es'));

    expect(foreignRequests).toEqual([]);
  }, 120_000);

  it('says an inverted period in Spanish next to the field, and leaves no old charts', async () => {
    const page = await context.newPage();
    await expect
      .poll(async () => (await fetch(`${suite.server.url}/api/stats?by=region`)).status)
      .toBe(200);
    await page.goto(`${suite.server.url}/estadisticas`);
    await page.locator('body[data-loaded]').waitFor();
    expect(await page.locator('#charts').isVisible()).toBe(true);
    await page.locator('input[name="from"]').fill('2026-11');
    await page.locator('input[name="to"]').fill('2026-09');
    await page.locator('#period-error').waitFor({ state: 'visible' });
    expect(await page.locator('#period-error').textContent()).toBe(
      '«Hasta» tiene que ser el mismo mes que «Desde» o uno después.',
    );
    expect(await page.locator('input[name="to"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#charts').isVisible()).toBe(false);
    expect(await page.locator('body').textContent()).not.toContain('querystring');
    await axeClean(page, 'inverted period');
    // Put right, the charts come back.
    await page.locator('input[name="to"]').fill('2026-12');
    await page.locator('#charts').waitFor({ state: 'visible' });
    expect(await page.locator('#period-error').isVisible()).toBe(false);
    await page.close();
  });

  it('the API documentation page renders from our own origin under the CSP', async () => {
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
    });
    await page.goto(`${suite.server.url}/docs`);
    await page.getByText('Voz Segura API').first().waitFor();
    await page.getByText('/api/stats').first().waitFor();
    expect(blocked).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('a release address that does not exist is the site 404 page, and it is accessible', async () => {
    const page = await context.newPage();
    const res = await page.goto(`${suite.server.url}/publicaciones/2000-01-01-00000000`);
    expect(res?.status()).toBe(404);
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('No encontramos esta página Page not found');
    await axeClean(page, 'not found');
    await page.close();
  });
});
