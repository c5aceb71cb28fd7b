// The public figures on a 360 px phone: the month chart's words keep a readable size and a month
// under 10 says so instead of looking like zero; a table whose every figure is under 10 is one
// line, not a row of "menos de 10" per combination; and a release's wide region × perpetrator
// table scrolls by keyboard too (axe-core clean). Less noise (STATS_RHO=10) than the default, so
// that 30 reports in one month are surely 10 or more and an empty scope surely under 10.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Release } from '../../src/contract/releases.ts';
import type { PublicStats } from '../../src/statistics/public-query.ts';
import { monthLabel } from '../../web/src/pages/stats/labels.ts';
import { axeClean, blockForeignRequests } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { monthsAgo } from '../helpers/months.ts';
import { serverAdvocacy, submitToServer } from '../helpers/server-reports.ts';
import { demoReleaseToken, publishServerSnapshot } from '../helpers/server-stats.ts';

let context: BrowserContext;
let token: string;
const foreignRequests: string[] = [];
const STATS = { STATS_K: '3', STATS_RHO: '10' };

const env = { ...STATS, POW_DIFFICULTY: '0', RATE_LIMIT_REPORTS: '100' };
const suite = browserSuite(env, async (server) => {
  token = demoReleaseToken(server);
  const org = await serverAdvocacy(server.url);
  // None verified: the verified-only figures are all under 10.
  await submitToServer(server.url, org, 30, { region: '1501', perpetrators: ['police'] });
  // The server publishes the snapshot that was due when it started; ours must come after it.
  for (let tries = 0; (await fetch(`${server.url}/api/stats?by=region`)).status !== 200; tries++) {
    if (tries > 300) throw new Error(`no snapshot was published:\n${server.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  publishServerSnapshot(server, STATS);
});

beforeAll(async () => {
  context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
  await blockForeignRequests(context, suite.server.url, foreignRequests);
});

afterAll(() => {
  expect(foreignRequests).toEqual([]);
});

async function publishRelease(body: Record<string, unknown>): Promise<Release> {
  const res = await fetch(`${suite.server.url}/api/releases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Release;
}

async function openRelease(id: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${suite.server.url}/publicaciones/${id}`);
  await page.locator('body[data-loaded]').waitFor();
  return page;
}

/**
 * The size, in CSS pixels on screen, of the smallest text in `selector`: its font size times the
 * scale an SVG applies when it is shrunk to the screen's width.
 */
function smallestText(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((root) => {
    const sizes: number[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || parent.closest('title')) continue;
      const size = Number.parseFloat(getComputedStyle(parent).fontSize);
      const scale = parent instanceof SVGGraphicsElement ? (parent.getScreenCTM()?.a ?? 1) : 1;
      sizes.push(size * scale);
    }
    return Math.min(...sizes);
  });
}

describe('the statistics on a phone', () => {
  it('the month chart reads at 360 px, and a month under 10 says so instead of looking like zero', async () => {
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/estadisticas`);
    await page.locator('body[data-loaded]').waitFor();
    const chart = page.locator('#chart-month .figure');
    await chart.getByText(monthLabel(monthsAgo(2), 'es'), { exact: true }).waitFor();
    expect(await smallestText(page, '#chart-month .figure')).toBeGreaterThanOrEqual(12);

    // The dashboard's month chart shows the last 24 months.
    const months = (await (
      await fetch(`${suite.server.url}/api/stats?by=month&from=${monthsAgo(23)}&to=${monthsAgo(0)}`)
    ).json()) as PublicStats;
    const busy = months.cells.find((c) => c.month === monthsAgo(2));
    const quiet = months.cells.find((c) => c.count < 10);
    if (!busy || !quiet) throw new Error(`no busy or quiet month in ${JSON.stringify(months)}`);
    expect(busy.count).toBeGreaterThanOrEqual(10);
    const busyRow = chart.getByRole('listitem').filter({ hasText: monthLabel(monthsAgo(2), 'es') });
    expect(await busyRow.textContent()).toContain(`≈ ${busy.count}`);
    // A month under 10 carries its words and a hatched marker, not a bar of some length.
    const quietRow = chart
      .getByRole('listitem')
      .filter({ hasText: monthLabel(String(quiet.month), 'es') });
    const marker = quietRow.locator('.bar-hidden');
    expect(await marker.isVisible()).toBe(true);
    expect(await marker.textContent()).toBe('menos de 10');
    expect(await quietRow.locator('.bar-fill').count()).toBe(0);
    expect(await chart.locator('.band-legend').textContent()).toContain('no es lo mismo que cero');
    await axeClean(page, 'dashboard at 360 px');
    await page.close();
  }, 120_000);

  it('a table whose every figure is under 10 is one line, on the dashboard and in a release', async () => {
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/estadisticas`);
    await page.locator('body[data-loaded]').waitFor();
    const loaded = await page.locator('body').getAttribute('data-loaded');
    await page.getByLabel('Solo reportes verificados').check();
    await page.waitForFunction((before) => document.body.dataset.loaded !== before, loaded);
    for (const id of ['perpetrator', 'month']) {
      const figure = page.locator(`#chart-${id} .figure`);
      await expect
        .poll(() => figure.textContent())
        .toContain('Todas las cifras de esta tabla son menores de 10');
      expect(await figure.getByText('menos de 10', { exact: true }).count()).toBe(0);
      expect(await page.locator(`#chart-${id} table`).count()).toBe(0);
    }
    await axeClean(page, 'dashboard, every figure under 10');
    await page.close();

    const release = await publishRelease({
      title: 'Solo verificados (datos sintéticos)',
      from: monthsAgo(23),
      to: monthsAgo(0),
      filters: { verified: 'true' },
      tables: [['perpetrator', 'region'], ['month'], ['perpetrator']],
    });
    const view = await openRelease(release.id);
    const sections = view.locator('section.chart');
    expect(await sections.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      expect(await sections.nth(i).locator('.all-band').count(), `table ${i + 1}`).toBe(1);
    }
    expect(await view.locator('table').count()).toBe(0);
    expect(await view.getByText('menos de 10', { exact: true }).count()).toBe(0);
    // Dates as people read them, not ISO (issue 15, item 15).
    const byline = (await view.getByText(/^Publicado por /).innerText()).replace(/\s+/g, ' ');
    expect(byline).not.toContain(release.publishedDay);
    expect(byline).toMatch(/ el \d{1,2} de [a-z]+ de \d{4}$/);
    await axeClean(view, 'release, every figure under 10');
    await view.close();
  }, 120_000);

  it("a release's region × perpetrator table scrolls by keyboard on a phone, named by its caption", async () => {
    const release = await publishRelease({
      title: 'Región por agresor (datos sintéticos)',
      tables: [['region', 'perpetrator']],
    });
    const page = await openRelease(release.id);
    await page.locator('tbody tr', { hasText: 'Lima Metropolitana' }).waitFor();
    await axeClean(page, 'release with a region × perpetrator table at 360 px');
    // Wider than the phone: it scrolls sideways in a box that takes focus, named by its caption.
    const region = page.getByRole('group', { name: 'Tabla 1: Región × Quién lo hizo' });
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await region.getAttribute('tabindex')).toBe('0');
    await page.close();
  }, 120_000);
});
