// When a send from the form goes wrong in ways other than plain "no connection": the tries fail
// while the phone still counts as online, a request stalls, something in between refuses it, the
// service refuses it, or the phone has no room to keep it. In each case the report must neither
// be lost nor stored twice, and the person must be told plainly what happens next. (A report
// already saved on the phone: saved-report-failures.test.ts.)
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEXT } from '../../web/src/lib/i18n.ts';
import {
  fillMinimalReport,
  interceptPosts,
  outboxRecords,
  outboxText,
  type Post,
  passRetries,
  readyPageAt,
  sendingSuite,
} from '../helpers/form-send.ts';

const { suite, storedReports } = sendingSuite();

/** The form on a clock the test moves forward, without waiting for the service worker. */
async function pageOnClock(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${suite.server.url}/`);
  await page.waitForLoadState('networkidle');
  return page;
}

/** The second try carried the same report, the server stored it, and it is stored once. */
function expectSentAgainAndStoredOnce(posts: Post[]): void {
  expect(posts[1]?.body.id).toBe(posts[0]?.body.id);
  expect(posts[1]?.server?.status).toBe(201);
  expect(storedReports(posts[0]?.body.id)).toBe(1);
}

describe('sending when things go wrong', () => {
  it('sends a report saved after failed tries by itself, though the phone never went offline', async () => {
    const before = storedReports();
    const context = await suite.browser.newContext();
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

  it('keeps a report on the phone after a minute and a half of stalled tries, not four minutes', async () => {
    const context = await suite.browser.newContext();
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

  it('tells the person to try again when the phone is too full to keep the report, and keeps working', async () => {
    const context = await suite.browser.newContext();
    const page = await readyPageAt(context, suite.server.url);
    // A phone with no room left: the browser aborts the outbox's write.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: suite.server.url, quotaSize: 1 });
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

  // A proxy's or firewall's refusal, or a captive portal's 200 page, is not the service's answer:
  // the form tries again with the same id, and the report is stored once.
  it.each([
    ['something other than the service refuses it', 'proxy-403'],
    ['a captive portal answers 200 instead of the service', 'portal-200'],
  ] as const)(
    'tries a report again when %s, and stores it once',
    async (_, fate) => {
      const context = await suite.browser.newContext();
      const { posts } = await interceptPosts(context, [fate, 'through'], '/api/reports');
      const page = await pageOnClock(context);
      await fillMinimalReport(page);
      await page.click('#next'); // Enviar
      await passRetries(page, posts, 2);
      await page.locator('#done').waitFor({ state: 'visible' });
      expectSentAgainAndStoredOnce(posts);
      await context.close();
    },
    90_000,
  );

  it('after a refusal, says so plainly in the person’s language, keeps focus on Enviar, and the next tap sends a new report', async () => {
    const context = await suite.browser.newContext();
    const { posts } = await interceptPosts(context, ['conflict', 'through'], '/api/reports');
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/`);
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
    const context = await suite.browser.newContext();
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
    expectSentAgainAndStoredOnce(posts);
    await context.close();
  }, 90_000);
});
