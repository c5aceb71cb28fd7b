// With no connection, a finished report waits on the phone as ciphertext only, is sent once
// the connection returns, and can be deleted by the person.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPeruMonth } from '../../src/months.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { type RunningServer, removeDir, startServer } from '../helpers/server.ts';

const NARRATIVE = 'OFFLINE-NARRATIVA-PQ42 sin señal en el puerto';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ STATS_K: '2', POW_DIFFICULTY: '8' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

async function total(): Promise<number | null> {
  const res = await fetch(`${server.url}/api/stats?by=region`);
  return ((await res.json()) as { total: number | null }).total;
}

/** With k = 2 the API publishes 0 as 0 and withholds exactly 1, so this reads 0, 1 or more. */
async function storedReports(): Promise<number> {
  return (await total()) ?? 1;
}

async function readyPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForLoadState('networkidle');
  return page;
}

async function fillMinimalReport(page: Page): Promise<void> {
  const [year, month] = currentPeruMonth(new Date()).split('-');
  await page.click('#next');
  await page.getByLabel('Lo lleno yo, sobre lo que me pasó').check();
  await page.click('#next');
  await page.selectOption('select[name="month"]', month ?? '');
  await page.selectOption('select[name="year"]', year ?? '');
  await page.click('#next');
  await page.selectOption('select[name="region"]', '25');
  await page.click('#next');
  await page.getByLabel('Serenazgo o fiscalizador municipal').check();
  await page.click('#next');
  await page.getByLabel('Robo, o rompieron mis cosas o documentos').check();
  for (let i = 0; i < 5; i++) await page.click('#next');
  await page.getByLabel('No', { exact: true }).check();
  await page.click('#next');
  await page.fill('textarea[name="narrative"]', NARRATIVE);
  await page.click('#next');
  await page.click('#next');
  await page.getByLabel('No, gracias').check();
  await page.click('#next');
}

async function outboxRecords(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('cola')) return [];
    return new Promise<string[]>((resolve) => {
      const req = indexedDB.open('cola');
      req.onsuccess = () => {
        const db = req.result;
        const all = db.transaction('envios').objectStore('envios').getAll();
        all.onsuccess = () => {
          db.close();
          resolve((all.result as unknown[]).map((r) => JSON.stringify(r)));
        };
      };
    });
  });
}

describe('offline reporting', () => {
  it('keeps a sealed report while offline, even across a reload, and sends it once back online', async () => {
    const context = await browser.newContext();
    const page = await readyPage(context);
    await fillMinimalReport(page);
    await context.setOffline(true);
    await page.click('#next'); // Enviar
    await page.locator('#done').waitFor({ state: 'visible' });
    expect(await page.locator('#done h1').textContent()).toBe(
      'Tu reporte está guardado en este teléfono',
    );

    const records = await outboxRecords(page);
    expect(records).toHaveLength(1);
    // Ciphertext only: neither the story nor any fact is readable on the phone.
    for (const word of [
      NARRATIVE,
      'OFFLINE-NARRATIVA',
      'serenazgo',
      'robbery',
      'incidentMonth',
      '"25"',
    ]) {
      expect(records[0]).not.toContain(word);
    }
    expect(await total()).toBe(0);

    // The form still opens with no connection (served by the service worker).
    await page.reload();
    expect(await page.locator('[data-step="intro"] h1').textContent()).toBe('Cuéntanos qué pasó');
    await expect
      .poll(() => page.locator('#outbox-text').textContent())
      .toContain('esperando conexión');

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect
      .poll(() => page.locator('#outbox-text').textContent(), { timeout: 20_000 })
      .toContain('ya se envió');
    expect(await storedReports()).toBe(1);
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    // Sent at most once: another 'online' event changes nothing.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await context.close();
    expect(await storedReports()).toBe(1);
  }, 90_000);

  it('lets the person delete a saved report, leaving no database behind', async () => {
    const context = await browser.newContext();
    const page = await readyPage(context);
    await fillMinimalReport(page);
    await context.setOffline(true);
    await page.click('#next');
    await page.locator('#outbox-delete').waitFor({ state: 'visible' });
    await page.click('#outbox-delete');
    await expect.poll(() => page.locator('#outbox-text').textContent()).toContain('se borró');
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await context.close();
    expect(await storedReports()).toBe(1); // only the first test's report
  }, 90_000);
});
