// The public dashboard and a release in Chromium on a phone-sized screen: filters change the
// figures, every chart has its table, an organisation publishes a release, and the release
// page and CSV say what the API says. Nothing is fetched from another origin.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, loadSodium } from '../../src/crypto.ts';
import type { Facts } from '../../src/schemas.ts';
import type { TestOrg } from '../helpers/app.ts';
import { axeClean, blockForeignRequests, launchBrowser } from '../helpers/browser.ts';
import { monthsAgo } from '../helpers/months.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';
import { type RunningServer, removeDir, startServer } from '../helpers/server.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let token: string;
const foreignRequests: string[] = [];
const FROM = monthsAgo(23);
const TO = monthsAgo(0);

type Table = { total: number | null; cells: Array<Record<string, string | number | null>> };

async function api(path: string): Promise<Table> {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Table;
}

async function submit(
  org: { advocacy: TestOrg },
  times: number,
  facts: Partial<Facts>,
): Promise<void> {
  for (let i = 0; i < times; i++) {
    const body = await sealedSubmission(org, {
      facts: validFacts({ incidentMonth: monthsAgo(2), ...facts }),
    });
    const res = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
  }
}

beforeAll(async () => {
  // Reports are seeded straight through the API here, so proof of work is off for this server.
  server = await startServer({ STATS_K: '3', POW_DIFFICULTY: '0' });
  const match = /Release token \(DEMO ONLY[^)]*\) for demo-colectivo: (\S+)/.exec(server.logs());
  token = match?.[1] ?? '';
  expect(token).not.toBe('');
  const sodium = await loadSodium();
  const { recipients } = (await (await fetch(`${server.url}/api/recipients`)).json()) as {
    recipients: Array<{ id: string; role: 'advocacy' | 'legal_aid'; publicKey: string }>;
  };
  const advocacy = recipients.find((r) => r.role === 'advocacy');
  if (!advocacy) throw new Error('no advocacy organisation');
  const org = {
    advocacy: {
      ...advocacy,
      publicKey: fromBase64(sodium, advocacy.publicKey),
      secretKey: new Uint8Array(),
    },
  };
  await submit(org, 6, { region: '1501', perpetrators: ['police'], violence: ['extortion'] });
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
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await blockForeignRequests(context, server.url, foreignRequests);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

describe('the statistics dashboard', () => {
  it('shows the API figures, follows a filter, opens a data table, and publishes a release', async () => {
    const page = await context.newPage();
    const scripts: Array<Promise<number>> = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.body().then((b) => b.length));
    });
    await page.goto(`${server.url}/estadisticas`);
    await page.locator('body[data-loaded]').waitFor();
    // Light enough for a cheap phone on a slow connection: no schema or crypto library here.
    const scriptBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    expect(scriptBytes).toBeLessThan(64 * 1024);
    const all = await api(`/api/stats?by=region&from=${FROM}&to=${TO}`);
    expect(all.total).toBe(18);
    await expect.poll(() => page.locator('#total').textContent()).toBe('18');
    await axeClean(page, 'dashboard');

    // Filter to Lima Metropolitana: the total and the perpetrator table follow the API.
    const loaded = await page.locator('body').getAttribute('data-loaded');
    await page.getByRole('combobox', { name: 'Región' }).selectOption('1501');
    await page.waitForFunction((before) => document.body.dataset.loaded !== before, loaded);
    const lima = await api(`/api/stats?by=perpetrator&from=${FROM}&to=${TO}&region=1501`);
    expect(lima.total).toBe(10);
    await expect.poll(() => page.locator('#total').textContent()).toBe('10');

    // The data table is one tap away and says the same as the API.
    const section = page.locator('#chart-perpetrator');
    await expect.poll(() => section.locator('table.data').isVisible()).toBe(false);
    await section.getByText('Ver tabla de datos').click();
    const policeRow = section.locator('table.data tbody tr', { hasText: 'Policía' });
    const police = lima.cells.find((c) => c.perpetrator === 'police');
    await expect.poll(() => policeRow.locator('td').textContent()).toBe(String(police?.count));
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
    await page.getByLabel('Título').fill('Lima Metropolitana, últimos 24 meses (datos sintéticos)');
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
      .toBe('Lima Metropolitana, últimos 24 meses (datos sintéticos)');
    expect(await page.getByText('Datos sintéticos de demostración').count()).toBeGreaterThan(0);
    const note = await page.locator('.method-note').textContent();
    expect(note).toContain(`${FROM} – ${TO}`);
    expect(note).toContain('La unidad es el reporte de un hecho');
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
    const csv = await (await fetch(`${server.url}/api/releases/${releaseId}/csv`)).text();
    const rows = csv
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const perpetratorRows = rows.filter((r) => r[2] === 'perpetrator' && r[3] === 'perpetrator');
    expect(perpetratorRows).toHaveLength(lima.cells.length);
    for (const cell of lima.cells) {
      const row = perpetratorRows.find((r) => r[4] === cell.perpetrator);
      expect(row?.[9], String(cell.perpetrator)).toBe(
        cell.count === null ? '' : String(cell.count),
      );
    }
    const totalRow = rows.find((r) => r[2] === 'perpetrator' && r[3] === 'total');
    expect(totalRow?.[9]).toBe('10');
    // The page shows the same numbers as its CSV.
    const pagePolice = page
      .locator('section.chart')
      .first()
      .locator('tbody tr', { hasText: 'Policía' });
    expect(await pagePolice.locator('td').textContent()).toBe(String(police?.count));

    expect(foreignRequests).toEqual([]);
  });

  it('the API documentation page renders from our own origin under the CSP', async () => {
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
    });
    await page.goto(`${server.url}/docs`);
    await page.getByText('Voz Segura API').first().waitFor();
    await page.getByText('/api/stats').first().waitFor();
    expect(blocked).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('a release address that does not exist is a 404', async () => {
    const res = await fetch(`${server.url}/publicaciones/2000-01-01-00000000`);
    expect(res.status).toBe(404);
  });
});
