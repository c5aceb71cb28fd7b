// When a send goes wrong in ways other than plain "no connection": the tries fail while the
// phone still counts as online, a request stalls, something in between refuses it, or the
// service refuses it. In each case the report must neither be lost nor stored twice, and the
// person must be told plainly what happens next.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, toBase64 } from '../../src/crypto.ts';
import { solve } from '../../src/pow.ts';
import { deriveFollowUpKeys, normaliseReceiptCode } from '../../src/receipt.ts';
import { TEXT } from '../../web/src/i18n.ts';
import { launchBrowser } from '../helpers/browser.ts';
import {
  fillMinimalReport,
  interceptPosts,
  nudgeUntilPosted,
  outboxRecords,
  passRetries,
  readyPageAt,
  saveReportOffline,
  storedReportsIn,
} from '../helpers/form-send.ts';
import { type RunningServer, removeDir, startServer } from '../helpers/server.ts';

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

const storedReports = (id?: string): number => storedReportsIn(server.dataDir, id);
const outboxText = (page: Page): Promise<string | null> =>
  page.locator('#outbox-text').textContent();

/** The form on a clock the test moves forward, without waiting for the service worker. */
async function pageOnClock(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${server.url}/`);
  await page.waitForLoadState('networkidle');
  return page;
}

describe('sending when things go wrong', () => {
  it('sends a report saved after failed tries by itself, though the phone never went offline', async () => {
    const before = storedReports();
    const context = await browser.newContext();
    const direct = await interceptPosts(context, ['cut', 'cut', 'cut', 'cut'], '/api/reports');
    const waiting = await interceptPosts(context, []);
    const page = await pageOnClock(context);
    await fillMinimalReport(page);
    await page.click('#next'); // Enviar
    await passRetries(page, direct.posts, 4);
    await page.locator('#done').waitFor({ state: 'visible' });
    expect(await outboxRecords(page)).toHaveLength(1);
    // No 'online' event comes (the browser never thought it was offline); the timer sends it.
    await expect
      .poll(
        async () => {
          await page.clock.fastForward(5_000);
          return outboxText(page);
        },
        { timeout: 30_000 },
      )
      .toContain('ya se envió');
    expect(waiting.posts).toHaveLength(1);
    expect(waiting.posts[0]?.server?.status).toBe(201);
    expect(waiting.posts[0]?.body.id).toBe(direct.posts[0]?.body.id);
    expect(storedReports()).toBe(before + 1);
    expect(await outboxRecords(page)).toEqual([]);
    await context.close();
  }, 90_000);

  it('does not offer to delete a saved report while it is being sent', async () => {
    const context = await browser.newContext();
    const { posts, gate } = await interceptPosts(context, ['through']);
    gate.open = 0; // the send is held in flight until the test lets it end
    const page = await readyPageAt(context, server.url);
    await saveReportOffline(context, page);
    expect(await page.locator('#outbox-delete').isVisible()).toBe(true);

    await context.setOffline(false);
    await nudgeUntilPosted(page, posts, 1);
    // It may already be on the server: deleting it now would not take it back.
    expect(await outboxText(page)).toContain('Enviando el reporte guardado');
    expect(await page.locator('#outbox-delete').isVisible()).toBe(false);
    gate.open = 1;
    await expect.poll(() => outboxText(page), { timeout: 20_000 }).toContain('ya se envió');
    // The heading no longer says the report is kept on the phone.
    expect(await page.locator('#outbox-title').textContent()).toBe(TEXT.savedSentTitle.es);
    expect(storedReports(posts[0]?.body.id)).toBe(1);
    await context.close();
  }, 90_000);

  it('keeps a saved report when something other than the service refuses it', async () => {
    const context = await browser.newContext();
    const { posts, gate } = await interceptPosts(context, ['proxy-403', 'through']);
    const page = await readyPageAt(context, server.url);
    await saveReportOffline(context, page);
    const records = await outboxRecords(page);
    expect(records).toHaveLength(1);

    gate.open = 1;
    await context.setOffline(false);
    await nudgeUntilPosted(page, posts, 1);
    await expect.poll(() => posts[0]?.settled).toBe(true);
    // A 403 page from a proxy says nothing about the report: it stays, to be tried again. (The
    // panel then says it is waiting, unless an 'online' event has already started the next try.)
    await expect
      .poll(async () => (await outboxText(page)) ?? '', { timeout: 20_000 })
      .toMatch(/esperando conexión|Enviando el reporte guardado/);
    expect(await outboxText(page)).not.toContain('se borró');
    expect(await outboxRecords(page)).toEqual(records);

    gate.open = 2;
    await nudgeUntilPosted(page, posts, 2);
    await expect.poll(() => outboxText(page), { timeout: 20_000 }).toContain('ya se envió');
    expect(storedReports(posts[0]?.body.id)).toBe(1);
    await context.close();
  }, 90_000);

  it('does not send a saved report again after the person withdrew it at /seguimiento/', async () => {
    const context = await browser.newContext();
    // The waiting report reaches the server, but the phone never hears the answer.
    const { posts, gate } = await interceptPosts(context, ['answer-lost']);
    const page = await readyPageAt(context, server.url);
    await saveReportOffline(context, page);
    const receipt = (await page.locator('#receipt-code').textContent()) ?? '';
    expect(receipt).toMatch(/\d{4}/);
    gate.open = 1;
    await context.setOffline(false);
    await nudgeUntilPosted(page, posts, 1);
    await expect.poll(() => posts[0]?.settled).toBe(true);
    const id = posts[0]?.body.id ?? '';
    expect(storedReports(id)).toBe(1);
    expect(await outboxRecords(page)).toHaveLength(1);
    await page.close();

    const follow = await context.newPage();
    await follow.goto(`${server.url}/seguimiento/`);
    await follow.fill('#code', receipt);
    await follow.click('#lookup-button');
    await follow.locator('#result').waitFor({ state: 'visible' });
    await follow.click('#withdraw');
    await follow.click('#withdraw-confirm');
    await expect.poll(() => follow.locator('#lookup-status').textContent()).toContain('borrado');
    expect(storedReports(id)).toBe(0);

    // The next visit to the form has nothing left to send, so the report stays withdrawn.
    const next = await readyPageAt(context, server.url);
    await next.waitForTimeout(1_000);
    expect(await outboxRecords(next)).toEqual([]);
    expect(posts).toHaveLength(1);
    expect(storedReports(id)).toBe(0);
    await context.close();
  }, 90_000);

  it('keeps a report on the phone after a minute and a half of stalled tries, not four minutes', async () => {
    const context = await browser.newContext();
    const { posts, gate } = await interceptPosts(
      context,
      ['hang', 'hang', 'hang', 'hang'],
      '/api/reports',
    );
    const page = await pageOnClock(context);
    await fillMinimalReport(page);
    await page.click('#next'); // Enviar
    await expect.poll(() => posts.length, { timeout: 20_000 }).toBe(1);
    // Ten-second steps of the page's clock until the report is kept on the phone.
    let waited = 0;
    await expect
      .poll(
        async () => {
          if (await page.locator('#done').isVisible()) return true;
          await page.clock.fastForward(10_000);
          waited += 10_000;
          return false;
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(true);
    // Saved for later within the budget (90 s and the last step), after two tries at most.
    expect(waited).toBeLessThanOrEqual(100_000);
    expect(posts.length).toBeLessThanOrEqual(2);
    expect(await outboxRecords(page)).toHaveLength(1);
    gate.released = true;
    await context.close();
  }, 120_000);

  it('tells the person, and sends nothing, when a saved report was withdrawn from another phone', async () => {
    const context = await browser.newContext();
    const { posts, gate } = await interceptPosts(context, ['answer-lost', 'through']);
    const page = await readyPageAt(context, server.url);
    await saveReportOffline(context, page);
    const code = normaliseReceiptCode((await page.locator('#receipt-code').textContent()) ?? '');
    gate.open = 1;
    await context.setOffline(false);
    await nudgeUntilPosted(page, posts, 1);
    await expect.poll(() => posts[0]?.settled).toBe(true);
    const id = posts[0]?.body.id ?? '';
    expect(storedReports(id)).toBe(1);

    // Withdrawn with the receipt code from somewhere else: this phone's copy is not touched.
    const sodium = await loadSodium();
    const keys = deriveFollowUpKeys(sodium, code ?? '');
    const c = (await (await fetch(`${server.url}/api/pow`)).json()) as {
      challenge: string;
      difficulty: number;
    };
    const withdraw = await fetch(`${server.url}/api/follow-up/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: toBase64(sodium, keys.lookupToken),
        pow: { challenge: c.challenge, nonce: await solve(sodium, c.challenge, c.difficulty) },
      }),
    });
    expect(withdraw.status).toBe(204);

    gate.open = 2;
    await nudgeUntilPosted(page, posts, 2);
    await expect.poll(() => outboxText(page)).toBe(TEXT.savedWithdrawn.es);
    expect(posts[1]?.server?.status).toBe(410);
    expect(await outboxRecords(page)).toEqual([]);
    expect(storedReports(id)).toBe(0);
    await context.close();
  }, 90_000);

  it('tells the person to try again when the phone is too full to keep the report, and keeps working', async () => {
    const context = await browser.newContext();
    const page = await readyPageAt(context, server.url);
    // A phone with no room left: the browser aborts the outbox's write.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 1 });
    await fillMinimalReport(page);
    await context.setOffline(true);
    await page.click('#next'); // Enviar
    await expect.poll(() => page.locator('.status').textContent()).toBe(TEXT.sendFailed.es);
    expect(await page.locator('#next').isDisabled()).toBe(false);
    // The outbox is not left locked: once there is a connection, Enviar sends the report.
    await context.setOffline(false);
    await page.click('#next');
    await page.locator('#done').waitFor({ state: 'visible' });
    expect(await page.evaluate(async () => (await navigator.locks.query()).held?.length ?? 0)).toBe(
      0,
    );
    await context.close();
  }, 90_000);

  it('tries a report again when something other than the service answers, and stores it once', async () => {
    const context = await browser.newContext();
    const { posts } = await interceptPosts(context, ['proxy-403', 'through'], '/api/reports');
    const page = await pageOnClock(context);
    await fillMinimalReport(page);
    await page.click('#next'); // Enviar
    await passRetries(page, posts, 2);
    await page.locator('#done').waitFor({ state: 'visible' });
    expect(posts[1]?.body.id).toBe(posts[0]?.body.id);
    expect(posts[1]?.server?.status).toBe(201);
    expect(storedReports(posts[0]?.body.id)).toBe(1);
    await context.close();
  }, 90_000);

  it('after a refusal, says so plainly in the person’s language, keeps focus on Enviar, and the next tap sends a new report', async () => {
    const context = await browser.newContext();
    const { posts } = await interceptPosts(context, ['conflict', 'through'], '/api/reports');
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForLoadState('networkidle');
    await fillMinimalReport(page);
    await page.focus('#next');
    await page.keyboard.press('Enter'); // Enviar, by keyboard
    await expect.poll(() => page.locator('.status').textContent()).toBe(TEXT.rejected.es);
    // Focus is back on Enviar, so Enter works again without hunting for the button.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('next');
    await page.click('#switch-lang');
    expect(await page.locator('.status').textContent()).toBe(TEXT.rejected.en);
    await page.click('#switch-lang');

    await page.focus('#next');
    await page.keyboard.press('Enter'); // Enviar again
    await page.locator('#done').waitFor({ state: 'visible' });
    expect(posts).toHaveLength(2);
    // A refused body would be refused again: this is a new report, and the one stored.
    expect(posts[1]?.body.id).not.toBe(posts[0]?.body.id);
    expect(posts[1]?.server?.status).toBe(201);
    expect(storedReports(posts[0]?.body.id)).toBe(0);
    expect(storedReports(posts[1]?.body.id)).toBe(1);
    await context.close();
  }, 90_000);

  it('gives up on a send that never gets an answer, and sends the same report again', async () => {
    const context = await browser.newContext();
    const { posts, gate } = await interceptPosts(context, ['hang', 'through'], '/api/reports');
    const page = await pageOnClock(context);
    await fillMinimalReport(page);
    await page.click('#next'); // Enviar
    await expect.poll(() => posts.length, { timeout: 20_000 }).toBe(1);
    // A minute with no answer: the page stops waiting and tries again, with the same report.
    await expect
      .poll(
        async () => {
          await page.clock.fastForward(10_000);
          return posts.length;
        },
        { timeout: 30_000 },
      )
      .toBe(2);
    gate.released = true;
    await page.locator('#done').waitFor({ state: 'visible' });
    expect(posts[1]?.body.id).toBe(posts[0]?.body.id);
    expect(posts[1]?.server?.status).toBe(201);
    expect(storedReports(posts[0]?.body.id)).toBe(1);
    await context.close();
  }, 90_000);
});
