// What the phone's browser keeps after a visit: Salir rápido takes away the offline copy of the
// form (service worker and Cache Storage), keeps only a sealed report that still waits to be sent,
// and with no connection the worker opens only the pages it keeps, never the form in their place.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeClean } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import {
  interceptPosts,
  outboxRecords,
  readyPageAt,
  saveReportOffline,
} from '../helpers/form-send.ts';

const suite = browserSuite({ POW_DIFFICULTY: '8' });

/** A context whose quick exit lands on a page answered here: the test reaches no other site. */
async function phone(): Promise<BrowserContext> {
  const context = await suite.browser.newContext({ viewport: { width: 360, height: 640 } });
  await context.route('https://www.google.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/plain', body: 'pronóstico' }),
  );
  return context;
}

type Traces = { workers: string[]; caches: string[]; databases: string[]; storage: number };

/** What this site has left in the browser, read from a page of the site that keeps nothing. */
async function traces(context: BrowserContext): Promise<Traces> {
  const page = await context.newPage();
  await page.goto(`${suite.server.url}/seguimiento/`);
  const found = await page.evaluate(async () => ({
    // Each registration left, with the state of its worker, so a failure says what stayed.
    workers: (await navigator.serviceWorker.getRegistrations()).map((r) =>
      [r.installing, r.waiting, r.active]
        .map((w, i) => (w ? `${['installing', 'waiting', 'active'][i]} ${w.state}` : ''))
        .join(' '),
    ),
    caches: await caches.keys(),
    databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
    storage: localStorage.length + sessionStorage.length,
  }));
  await page.close();
  return found;
}

async function quickExit(page: Page): Promise<void> {
  await page.locator('#quick-exit').click();
  await page.waitForURL(/^https:\/\/www\.google\.com\//);
}

/** In time, nothing of the site is left in the browser but the named databases. */
async function expectLeft(context: BrowserContext, databases: string[]): Promise<void> {
  await expect
    // The browser drops the registration once no page uses it; on a busy machine that can
    // take longer than the default wait.
    .poll(() => traces(context), { timeout: 45_000 })
    .toEqual({ workers: [], caches: [], databases, storage: 0 });
}

/** Salir rápido from `page`, after which nothing of the site is left; closes the phone. */
async function quickExitLeavesNothing(context: BrowserContext, page: Page): Promise<void> {
  await quickExit(page);
  await expectLeft(context, []);
  await context.close();
}

describe('what stays on the phone', () => {
  it('Salir rápido takes away the offline copy of the form when no report is waiting', async () => {
    const context = await phone();
    const page = await readyPageAt(context, suite.server.url);
    // A second visit, now served through the worker, with the organisations' keys kept too.
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const kept = await Promise.all(
            (await caches.keys()).map(async (k) => (await caches.open(k)).keys()),
          );
          return kept.flat().map((r) => new URL(r.url).pathname);
        }),
      )
      .toEqual(expect.arrayContaining(['/', '/api/recipients']));
    await page.click('#next');
    await page.getByLabel('Lo lleno yo, sobre lo que me pasó').check();
    await quickExitLeavesNothing(context, page);
  }, 60_000);

  it('takes it away too when Salir rápido comes while the form is still being copied', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/`);
    // At once: the worker is usually still copying the form and libsodium into its cache.
    await quickExitLeavesNothing(context, page);
  }, 60_000);

  // On a busy phone the browser can take longer to list the site's workers than the quick exit
  // waits before leaving (its storage is on a slow disk, or busy), and a stopped worker must be
  // started to read the page's message: a browser can drop a message whose page has gone. The
  // erasing must not depend on the page staying, nor on the worker hearing it.
  it.each([
    [
      'the browser answers the page too slowly',
      () => {
        navigator.serviceWorker.getRegistrations = () => new Promise(() => undefined);
        navigator.serviceWorker.getRegistration = () => new Promise(() => undefined);
      },
    ],
    [
      'the worker never hears the page, nor does the browser list it',
      () => {
        ServiceWorker.prototype.postMessage = () => undefined;
        navigator.serviceWorker.getRegistrations = () => new Promise(() => undefined);
      },
    ],
  ])(
    'takes it away too when %s',
    async (_, hinder) => {
      const context = await phone();
      const page = await readyPageAt(context, suite.server.url);
      await page.reload();
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await page.evaluate(hinder);
      await quickExitLeavesNothing(context, page);
    },
    60_000,
  );

  it('keeps a report that waits to be sent, says so, and sends it on the next visit', async () => {
    const context = await phone();
    const page = await readyPageAt(context, suite.server.url);
    await saveReportOffline(context, page);
    // Where the page says nothing is kept, it says what is, and that Salir rápido leaves it.
    const panel = page.locator('#outbox');
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.textContent()).toContain('Salir rápido no lo borra');
    const records = await outboxRecords(page);
    expect(records).toHaveLength(1);
    await quickExit(page);

    // Back online, the next page of the site finds only the sealed report, exactly as it was.
    const { posts } = await interceptPosts(context, []);
    await context.setOffline(false);
    await expectLeft(context, ['cola']);
    const check = await context.newPage();
    await check.goto(`${suite.server.url}/seguimiento/`);
    expect(await outboxRecords(check)).toEqual(records);
    await check.close();
    expect(posts).toHaveLength(0);

    // Opening the form sends it.
    const again = await context.newPage();
    await again.goto(`${suite.server.url}/`);
    await expect
      .poll(() => again.locator('#outbox-text').textContent(), { timeout: 30_000 })
      .toContain('ya se envió');
    expect(posts.map((p) => p.server?.status)).toEqual([201]);
    await context.close();
  }, 90_000);

  it('with no connection, opens only the form, each page at its own address', async () => {
    const context = await phone();
    await readyPageAt(context, suite.server.url);
    await context.setOffline(true);
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/`);
    expect(await page.locator('[data-step="intro"] h1').textContent()).toBe('Cuéntanos qué pasó');
    for (const address of ['/estadisticas', '/seguimiento/', '/equipo/']) {
      await page.goto(`${suite.server.url}${address}`);
      expect(page.url()).toBe(`${suite.server.url}${address}`);
      expect(await page.locator('#report').count(), address).toBe(0);
      expect(await page.locator('h1').textContent()).toContain('Sin conexión');
      // Still a way out, and a way to the form that does work offline.
      expect(await page.locator('#quick-exit').getAttribute('href')).toMatch(
        /^https:\/\/www\.google/,
      );
      expect(await page.locator('main a[href="/"]').count()).toBe(1);
      await axeClean(page, `offline ${address}`);
    }
    await context.close();
  }, 60_000);
});
