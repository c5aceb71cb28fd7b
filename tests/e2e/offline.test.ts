// With no connection, a finished report waits on the phone as ciphertext only, is sent once
// the connection returns, and can be deleted by the person.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser-suite.ts';
import {
  countRowsIn,
  type Fate,
  fillMinimalReport,
  interceptPosts,
  NARRATIVE,
  nudgeUntilPosted,
  outboxRecords,
  passRetries,
  readyPageAt,
  reportSavedOffline,
  saveReportOffline,
  storedReportsIn,
} from '../helpers/form-send.ts';

const suite = browserSuite({ STATS_K: '2', POW_DIFFICULTY: '8' });

const countRows = (sql: string, ...params: string[]): number =>
  countRowsIn(suite.server.dataDir, sql, ...params);
const storedReports = (id?: string): number => storedReportsIn(suite.server.dataDir, id);
const readyPage = (context: BrowserContext): Promise<Page> =>
  readyPageAt(context, suite.server.url);

/** Another 'online' event and a reload send nothing more: still `sent` posts, seen by the server. */
async function expectNoMoreSends(
  page: Page,
  sends: { posts: unknown[]; seen: () => number },
  sent: number,
): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.reload();
  await page.waitForLoadState('networkidle');
  expect(sends.posts).toHaveLength(sent);
  expect(sends.seen()).toBe(sent);
}

describe('offline reporting', () => {
  it('keeps a sealed report while offline, even across a reload, and sends it once back online', async () => {
    const { context, page, posts, gate, seen } = await reportSavedOffline(suite, []);
    expect(await page.locator('#done h1').textContent()).toBe(
      'Tu reporte está guardado en este teléfono',
    );
    expect(await page.locator('nav.nav').isVisible()).toBe(false);

    const records = await outboxRecords(page);
    expect(records).toHaveLength(1);
    const id = (JSON.parse(records[0] ?? '{}') as { id?: string }).id ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
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
    expect(storedReports()).toBe(0);

    // The form still opens with no connection (served by the service worker).
    await page.reload();
    expect(await page.locator('[data-step="intro"] h1').textContent()).toBe('Cuéntanos qué pasó');
    await expect
      .poll(() => page.locator('#outbox-text').textContent())
      .toContain('esperando conexión');

    // The connection returns. The first send is held in flight while more 'online' events
    // arrive, as they do on a flapping connection: none of them may start a second send.
    gate.open = 0;
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => posts.length, { timeout: 20_000 }).toBe(1);
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
    }
    gate.open = 1;
    await expect
      .poll(() => page.locator('#outbox-text').textContent(), { timeout: 20_000 })
      .toContain('ya se envió');
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    // Sent exactly once: one POST, answered 201, and one row for this id on the server.
    expect(posts.map((p) => [p.body.id, p.server?.status])).toEqual([[id, 201]]);
    expect(storedReports(id)).toBe(1);
    expect(storedReports()).toBe(1);
    // Nothing is sent again later, neither on another 'online' event nor when the page reopens.
    await expectNoMoreSends(page, { posts, seen }, 1);
    await context.close();
    expect(storedReports()).toBe(1);
  }, 90_000);

  it('lets the person delete a saved report, leaving no database behind', async () => {
    const before = storedReports();
    const context = await suite.browser.newContext();
    const page = await readyPage(context);
    await fillMinimalReport(page);
    await context.setOffline(true);
    await page.click('#next');
    await page.locator('#outbox-delete').waitFor({ state: 'visible' });
    await page.click('#outbox-delete');
    await expect.poll(() => page.locator('#outbox-text').textContent()).toContain('se borró');
    expect(await page.locator('#outbox-title').textContent()).toBe('Reporte borrado');
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await context.close();
    expect(storedReports()).toBe(before); // the deleted report never reached the server
  }, 90_000);

  it('keeps the report until the phone hears the answer, and the server stores it once', async () => {
    const before = storedReports();
    const context = await suite.browser.newContext();
    // 1st send: the connection drops before the server. 2nd: the server stores the report, but
    // the answer never reaches the phone. 3rd: goes through, and is a retry of a stored report.
    const { posts, gate, seen } = await interceptPosts(context, ['cut', 'answer-lost', 'through']);
    const page = await readyPage(context);
    await saveReportOffline(context, page);
    const records = await outboxRecords(page);
    expect(records).toHaveLength(1);
    const id = (JSON.parse(records[0] ?? '{}') as { id?: string }).id ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // The envelope is still on the phone, and the panel says so: between tries it is waiting
    // and can be deleted; during a try (an 'online' event may start the next one at once) it
    // says it is sending, and cannot be deleted halfway.
    const stillWaiting = async (): Promise<void> => {
      expect(await outboxRecords(page)).toEqual(records);
      // Text and button read at once: a try may start between two separate reads.
      const { text, canDelete } = await page.evaluate(() => ({
        text: document.querySelector('#outbox-text')?.textContent ?? '',
        canDelete: !(document.querySelector('#outbox-delete') as HTMLElement).hidden,
      }));
      const sending = text.includes('Enviando el reporte guardado');
      expect(sending || text.includes('esperando conexión'), text).toBe(true);
      expect(canDelete).toBe(!sending);
    };

    gate.open = 1;
    await context.setOffline(false);
    await nudgeUntilPosted(page, posts, 1);
    await expect.poll(() => posts[0]?.settled).toBe(true);
    expect(storedReports(id)).toBe(0);
    await stillWaiting();

    gate.open = 2;
    await nudgeUntilPosted(page, posts, 2);
    await expect.poll(() => posts[1]?.settled, { timeout: 20_000 }).toBe(true);
    // The server has it and said so, but the phone never heard: it must keep the envelope.
    expect(posts[1]?.server).toEqual({ status: 201, body: { id, status: 'received' } });
    expect(storedReports(id)).toBe(1);
    await stillWaiting();

    gate.open = 3;
    await nudgeUntilPosted(page, posts, 3);
    await expect
      .poll(() => page.locator('#outbox-text').textContent(), { timeout: 20_000 })
      .toContain('ya se envió');
    // The retry of the same id got the original answer, and the server holds the report once.
    expect(posts[2]?.server).toEqual({ status: 201, body: { id, status: 'received' } });
    expect(posts.map((p) => p.fate)).toEqual(['cut', 'answer-lost', 'through']);
    expect(storedReports(id)).toBe(1);
    expect(storedReports()).toBe(before + 1);
    const { recipients } = (await (await fetch(`${suite.server.url}/api/recipients`)).json()) as {
      recipients: Array<{ role: string }>;
    };
    expect(countRows('select count(*) as n from report_boxes where report_id = ?', id)).toBe(
      recipients.filter((r) => r.role === 'advocacy').length,
    );
    expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
    // Every attempt carried the same sealed envelope under the same id, and only ciphertext.
    for (const post of posts) {
      expect(post.body.id).toBe(id);
      expect(post.body.envelope).toBe(posts[0]?.body.envelope);
      expect(post.raw).not.toContain(NARRATIVE);
      expect(post.raw).not.toContain('serenazgo');
    }

    // Once the phone has heard the answer, nothing is sent again.
    await expectNoMoreSends(page, { posts, seen }, 3);
    await context.close();
    expect(storedReports(id)).toBe(1);
    expect(storedReports()).toBe(before + 1);
  }, 90_000);

  it('sends the same report again, not a second one, when Enviar is tapped after a failed send', async () => {
    const before = storedReports();
    const context = await suite.browser.newContext();
    // A phone that cannot keep anything (storage full, or a browser that refuses IndexedDB): a
    // report that cannot be sent cannot wait either, so the person is asked to tap Enviar again.
    await context.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('no space left', 'QuotaExceededError');
      };
    });
    // The first try reaches the server, which stores the report, but the answer is lost; the
    // page's own three retries never get through. After the tap, sends go through.
    const plan: Fate[] = ['answer-lost', 'cut', 'cut', 'cut'];
    const { posts } = await interceptPosts(context, plan, '/api/reports');
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${suite.server.url}/`);
    await page.waitForLoadState('networkidle');
    await fillMinimalReport(page);
    await page.click('#next'); // Enviar
    await passRetries(page, posts, 4);
    await expect
      .poll(() => page.locator('.status').textContent(), { timeout: 20_000 })
      .toContain('toca «Enviar» otra vez');
    const id = posts[0]?.body.id ?? '';
    expect(posts[0]?.server).toEqual({ status: 201, body: { id, status: 'received' } });
    expect(storedReports(id)).toBe(1);

    await page.click('#next'); // Enviar, again
    await page.locator('#done').waitFor({ state: 'visible' });
    expect(posts).toHaveLength(5);
    // The same report (same id, same sealed boxes, same receipt), answered as the stored one.
    const { pow: _pow0, ...first } = JSON.parse(posts[0]?.raw ?? '{}') as Record<string, unknown>;
    const { pow: _pow4, ...again } = JSON.parse(posts[4]?.raw ?? '{}') as Record<string, unknown>;
    expect(again).toEqual(first);
    expect(posts[4]?.server).toEqual({ status: 201, body: { id, status: 'received' } });
    expect(storedReports(id)).toBe(1);
    expect(storedReports()).toBe(before + 1);
    await context.close();
  }, 90_000);

  it('tries again by itself when a send fails while the phone stays online', async () => {
    const context = await suite.browser.newContext();
    // Every send fails until the plan is cut short below.
    const plan: Fate[] = Array.from({ length: 20 }, () => 'cut');
    const { posts, gate } = await interceptPosts(context, plan);
    const page = await context.newPage();
    // The page's timers run on a clock the test can move forward.
    await page.clock.install();
    await page.goto(`${suite.server.url}/`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.waitForLoadState('networkidle');
    await saveReportOffline(context, page);

    gate.open = Number.POSITIVE_INFINITY;
    await context.setOffline(false);
    await nudgeUntilPosted(page, posts, 1);
    // Let every send the 'online' events started finish (each fails), until none is coming.
    let settledAt = -1;
    await expect
      .poll(
        () => {
          const quiet = posts.every((p) => p.settled) && posts.length === settledAt;
          settledAt = posts.length;
          return quiet;
        },
        { timeout: 20_000, interval: 1_500 },
      )
      .toBe(true);
    const before = posts.length;
    plan.length = before; // from now on, sends go through
    // No more 'online' events: the browser thinks it never went away. The retry comes anyway.
    await page.clock.fastForward(16_000);
    await expect.poll(() => posts.length, { timeout: 20_000 }).toBe(before + 1);
    await expect
      .poll(() => page.locator('#outbox-text').textContent(), { timeout: 20_000 })
      .toContain('ya se envió');
    expect(posts[before]?.server?.status).toBe(201);
    await context.close();
  }, 90_000);
});
