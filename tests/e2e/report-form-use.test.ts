// The report form in Chromium, beyond sending (report-form.test.ts): leaving at once with Escape
// or Salir rápido (even with no script), English in place, the child-protection referral,
// libsodium fetched only after the first paint, options clear of the header on a small phone,
// and the keyboard alone.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeClean } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { FORM_SERVER_ENV, formContext } from '../helpers/form-context.ts';
import { answerFirstSteps, declineLegalAidAndSend } from '../helpers/form-steps.ts';

const suite = browserSuite(FORM_SERVER_ENV);
const form = formContext(suite);

async function next(page: Page): Promise<void> {
  await page.click('#next');
}

/** From the intro to the violence step, answering with this month, Callao and a client. */
const toViolenceStep = (page: Page): Promise<void> =>
  answerFirstSteps(page, { region: '07', perpetrators: ['Cliente'] });

describe('the report form in Chromium', () => {
  it('leaves for a neutral page with Escape, and Back does not return to the form', async () => {
    const exitPage = 'https://www.google.com/search?q=pron%C3%B3stico+del+tiempo';
    const page = await form.context.newPage();
    await page.route('https://www.google.com/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<title>Tiempo</title>neutral',
      }),
    );
    await page.goto(`${suite.server.url}/`);
    await next(page);
    await page.getByLabel('Lo lleno yo, sobre lo que me pasó').check();
    await page.keyboard.press('Escape');
    await page.waitForURL(exitPage);
    await page.goBack().catch(() => null);
    expect(page.url().startsWith(suite.server.url)).toBe(false);
    await page.close();
    form.foreignRequests.length = 0; // the exit page was fulfilled locally, on purpose
  });

  it('switches to English in place, without changing the URL', async () => {
    const page = await form.context.newPage();
    await page.goto(`${suite.server.url}/`);
    await page.click('#switch-lang');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('[data-step="intro"] h1').textContent()).toBe(
      'Tell us what happened',
    );
    expect(await page.locator('#quick-exit').textContent()).toBe('Quick exit');
    await next(page);
    expect(await page.getByLabel('I am filling it in about myself').count()).toBe(1);
    await axeClean(page, 'english channel step');
    expect(page.url()).toBe(`${suite.server.url}/`);
    await page.close();
  });

  it('shows the child-protection referral after a report from someone under 18', async () => {
    const page = await form.context.newPage();
    await page.goto(`${suite.server.url}/`);
    await toViolenceStep(page);
    await page.getByLabel('Violación').check();
    await next(page);
    await next(page); // identity skipped
    await page.getByLabel('Menos de 18 años').check();
    for (let i = 0; i < 3; i++) await next(page);
    await page.getByLabel('No', { exact: true }).check();
    for (let i = 0; i < 3; i++) await next(page);
    await declineLegalAidAndSend(page);
    expect(await page.locator('#child-protection').isVisible()).toBe(true);
    expect(await page.locator('#child-protection').textContent()).toContain('Línea 100');
    await axeClean(page, 'child-protection confirmation');
    await page.close();
  }, 60_000);

  it('starts fetching libsodium only after the first screen has been painted', async () => {
    const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');
    const sodiumChunks = readdirSync(dist).filter(
      (f) => f.endsWith('.js') && readFileSync(path.join(dist, f), 'utf8').includes('libsodium'),
    );
    expect(sodiumChunks.length).toBeGreaterThan(0);
    // libsodium is fetched by the sealing worker, whose requests the page's own resource
    // timings do not list: the browser's network record (wall-clock start times) does.
    const starts: number[] = [];
    const onFinished = (r: Request): void => {
      if (sodiumChunks.some((c) => r.url().endsWith(`/${c}`))) starts.push(r.timing().startTime);
    };
    form.context.on('requestfinished', onFinished);
    const page = await form.context.newPage();
    await page.goto(`${suite.server.url}/`);
    // Both have happened: the paint, and the whole of libsodium has arrived.
    await page.waitForFunction(() => performance.getEntriesByName('first-paint').length > 0);
    await expect.poll(() => starts.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const paintedAt = await page.evaluate(
      () =>
        performance.timeOrigin + (performance.getEntriesByName('first-paint')[0]?.startTime ?? 0),
    );
    for (const start of starts) expect(start).toBeGreaterThan(paintedAt);
    form.context.off('requestfinished', onFinished);
    await page.close();
  });

  it('keeps the options clear of the header while the violence step scrolls on a phone', async () => {
    const page = await form.context.newPage();
    await page.setViewportSize({ width: 360, height: 640 });
    await page.goto(`${suite.server.url}/`);
    await toViolenceStep(page);
    await page.locator('[data-step="violence"] .option').first().waitFor({ state: 'visible' });
    // Scrolled as a finger would, until the third option would sit half under the header.
    await page.evaluate(() => {
      const bar = document.querySelector('header.bar')?.getBoundingClientRect();
      const option = document.querySelectorAll('[data-step="violence"] .option')[2];
      if (!bar || !option) throw new Error('no header or no option');
      let scroller = option.parentElement;
      while (
        scroller &&
        !(
          scroller.scrollHeight > scroller.clientHeight &&
          /auto|scroll/.test(getComputedStyle(scroller).overflowY)
        )
      )
        scroller = scroller.parentElement;
      const s = scroller ?? document.scrollingElement ?? document.documentElement;
      s.scrollTop += option.getBoundingClientRect().top - bar.bottom / 2;
    });
    // Every point of an option that is on the screen is the option itself: a tap there can never
    // land on Salir rápido, which stays on screen and within reach.
    const { covered, exitHit } = await page.evaluate(() => {
      const found: string[] = [];
      for (const option of document.querySelectorAll('[data-step="violence"] .option')) {
        const r = option.getBoundingClientRect();
        let top = Math.max(r.top, 0);
        let bottom = Math.min(r.bottom, window.innerHeight);
        for (let a = option.parentElement; a; a = a.parentElement) {
          if (getComputedStyle(a).overflowY === 'visible') continue;
          const clip = a.getBoundingClientRect();
          top = Math.max(top, clip.top);
          bottom = Math.min(bottom, clip.bottom);
        }
        // 12 px in from the sides, clear of the rounded corners.
        for (let y = top + 1; y < bottom - 1; y += 4) {
          for (const x of [r.left + 12, (r.left + r.right) / 2, r.right - 12]) {
            const hit = document.elementFromPoint(x, y);
            if (!hit || !option.contains(hit))
              found.push(
                `${option.textContent} at y=${Math.round(y)}: ${hit?.outerHTML.slice(0, 40)}`,
              );
          }
        }
      }
      const exit = document.querySelector('#quick-exit')?.getBoundingClientRect();
      const hit =
        exit && document.elementFromPoint(exit.x + exit.width / 2, exit.y + exit.height / 2);
      return { covered: found, exitHit: hit?.closest('#quick-exit') !== null };
    });
    expect(covered.slice(0, 5)).toEqual([]);
    expect(exitHit).toBe(true);
    await axeClean(page, 'violence step, scrolled, at 360x640');
    await page.close();
  }, 60_000);

  it('is usable by keyboard alone', async () => {
    const page = await form.context.newPage();
    await page.goto(`${suite.server.url}/`);
    await page.locator('#next').focus();
    await page.keyboard.press('Enter');
    // Focus moves to the question, so a screen reader announces it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
      '¿Quién llena',
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="channel"]:checked').count()).toBe(1);
    await page.close();
  });

  it('leaves with Salir rápido even where the page has no script', async () => {
    for (const javaScriptEnabled of [false, true]) {
      const plain = await suite.browser.newContext({ javaScriptEnabled });
      // Somewhere ordinary, answered here: the test reaches no other site.
      await plain.route('https://www.google.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/plain', body: 'pronóstico' }),
      );
      for (const address of ['/', '/seguimiento/']) {
        const page = await plain.newPage();
        await page.goto(`${suite.server.url}${address}`);
        await page.locator('#quick-exit').click();
        await page.waitForURL(/^https:\/\/www\.google\.com\//);
        await page.close();
      }
      await plain.close();
    }
  });
});
