// The whole path in Chromium: a person fills the real form, the browser seals, the server
// stores ciphertext and the coarse facts chosen, and nothing identifying is left anywhere in clear.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeList } from '../../db/reports-repo.ts';
import { primaryGbvType } from '../../src/gbvims.ts';
import { currentPeruMonth } from '../../src/months.ts';
import { axeClean, blockForeignRequests, launchBrowser } from '../helpers/browser.ts';
import { openReports } from '../helpers/open-reports.ts';
import { type RunningServer, removeDir, startServer } from '../helpers/server.ts';

const SECRETS = {
  narrative: 'NARRATIVA-ZX81 me pidio plata en la esquina',
  place: 'LUGAR-QW73 avenida sin nombre',
  perpetrator: 'PLACA-KJ55 apodo el flaco',
  contact: 'CONTACTO-987654321',
  safeTimes: 'HORARIO-TT12 despues de las seis',
};
const CLIENT_IP = '198.51.100.23';
const USER_AGENT = 'VozE2EAgent/7.7 (synthetic test browser)';
const EXACT_DATE_MARK = '-17'; // the exact day goes only in the sealed part

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
const foreignRequests: string[] = [];

async function next(page: Page): Promise<void> {
  await page.click('#next');
}

beforeAll(async () => {
  // Behind a trusted proxy, so the forwarded address below is the one the server works with
  // (hashed for rate limits) and must still be found nowhere.
  server = await startServer({ STATS_K: '2', TRUST_PROXY: 'loopback' });
  browser = await launchBrowser();
  context = await browser.newContext({
    userAgent: USER_AGENT,
    extraHTTPHeaders: { 'X-Forwarded-For': CLIENT_IP },
    viewport: { width: 360, height: 740 },
  });
  await blockForeignRequests(context, server.url, foreignRequests);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

describe('the report form in Chromium', () => {
  it('seals a full report, stores only ciphertext and the coarse facts chosen', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    expect(await page.title()).toBe('Formulario');
    // A returning reporter finds follow-up from the first screen.
    expect(await page.locator('[data-step="intro"] a[href="/seguimiento/"]').isVisible()).toBe(
      true,
    );
    await axeClean(page, 'intro');
    await next(page);

    await page.getByLabel('Lo lleno yo, sobre lo que me pasó').check();
    await next(page);
    const [year, month] = currentPeruMonth(new Date()).split('-');
    await page.selectOption('select[name="month"]', month ?? '');
    await page.selectOption('select[name="year"]', year ?? '');
    await axeClean(page, 'month');
    await next(page);
    await page.selectOption('select[name="region"]', '16');
    await next(page);
    // A required question cannot be skipped: the person is told why.
    await next(page);
    await expect
      .poll(() => page.locator('[data-step="perpetrators"] .error').textContent())
      .toContain('Elige');
    await page.getByLabel('Policía').check();
    await page.getByLabel('Cliente', { exact: true }).check();
    await axeClean(page, 'perpetrators');
    await next(page);
    await page.getByLabel('Cobro de coimas o multas sin motivo').check();
    await page.getByLabel('Golpes o ataque físico').check();
    await next(page);
    await page.getByLabel('Mujer trans').check();
    await next(page);
    await page.getByLabel('25 a 34 años').check();
    await next(page);
    await page.getByLabel('Venezolana').check();
    await next(page);
    await page.getByLabel('En la calle').check();
    await next(page);
    await page.getByLabel('Lo intenté, pero no me hicieron caso').check();
    await next(page);
    await page.fill('textarea[name="narrative"]', SECRETS.narrative);
    await next(page);
    await page.fill('input[name="exactDate"]', `${year}-${month}${EXACT_DATE_MARK}`);
    await page.fill('input[name="place"]', SECRETS.place);
    await page.fill('textarea[name="perpetratorDetails"]', SECRETS.perpetrator);
    await next(page);
    await page.getByLabel('Sí, quiero que me contacten').check();
    await page.getByLabel('WhatsApp').check();
    await page.fill('input[name="contactValue"]', SECRETS.contact);
    await page.fill('input[name="safeTimes"]', SECRETS.safeTimes);
    await page.getByLabel('Poner una denuncia').check();
    await page.getByLabel(/Acepto que la organización/).check();
    await axeClean(page, 'legal aid');
    await next(page);
    await expect.poll(() => page.locator('.summary').textContent()).toContain('Loreto');
    await axeClean(page, 'review');
    await next(page); // Enviar

    await page.locator('#done').waitFor({ state: 'visible', timeout: 30_000 });
    // Only the confirmation: no "Atrás" or "Enviar" under it, no question above it.
    expect(await page.locator('nav.nav').isVisible()).toBe(false);
    expect(await page.locator('#next').isVisible()).toBe(false);
    expect(await page.locator('#back').isVisible()).toBe(false);
    expect(await page.locator('.progress').isVisible()).toBe(false);
    // Follow-up is a link, and Línea 100 can be called with a tap.
    expect(await page.locator('#done a[href="/seguimiento/"]').isVisible()).toBe(true);
    expect(await page.locator('#done a[href="tel:100"]').textContent()).toContain('Línea 100');
    expect(await page.locator('#done-legal').isVisible()).toBe(true);
    // She gave a way to reach her: the page says who will see it, not "no one will know".
    expect(await page.locator('#done-body').textContent()).toContain(
      'Solo la organización de ayuda legal verá cómo contactarte',
    );
    expect(await page.locator('#done-body').textContent()).not.toMatch(/^[^.]*\. Nadie sabrá/);
    expect(await page.locator('#child-protection').isVisible()).toBe(false);
    expect(await page.locator('.referrals').textContent()).toContain('Línea 100');
    await axeClean(page, 'confirmation');

    // A second, minimal report: every optional question skipped, made after "make another".
    await page.click('#again');
    await next(page);
    await page.getByLabel('Ayudo a otra persona a llenarlo').check();
    await next(page);
    await page.selectOption('select[name="month"]', month ?? '');
    await page.selectOption('select[name="year"]', year ?? '');
    await next(page);
    await page.selectOption('select[name="region"]', '16');
    await next(page);
    await page.getByLabel('Policía').check();
    await next(page);
    await page.getByLabel('Detención sin motivo').check();
    for (let i = 0; i < 5; i++) await next(page); // identity, age, nationality, setting skipped
    await page.getByLabel('No', { exact: true }).check();
    await next(page);
    await next(page);
    await next(page);
    await page.getByLabel('No, gracias').check();
    await next(page);
    await next(page);
    await page.locator('#done').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('#done-legal').isVisible()).toBe(false);
    expect(await page.locator('#done-body').textContent()).toContain('Nadie sabrá que fuiste tú');

    // Nothing left on the phone, in the URL, or in cookies; no request left our origin.
    expect(page.url()).toBe(`${server.url}/`);
    const storage = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
    }));
    expect(storage).toEqual({ local: 0, session: 0, idb: 0 });
    expect(await context.cookies()).toEqual([]);
    expect(foreignRequests).toEqual([]);

    // Stored: two reports, both in Loreto, each with exactly the coarse facts chosen in the form;
    // the questions skipped in the second are stored as "prefer not to say".
    const db = new Database(path.join(server.dataDir, 'voz-segura.db'), { readonly: true });
    const stored = db
      .prepare(
        `select incident_month as incidentMonth, region, perpetrators, violence, identity,
                age_band as ageBand, nationality, setting,
                reported_to_authority as reportedToAuthority, channel, gbv_type as gbvType
         from reports order by channel desc`,
      )
      .all();
    db.close();
    expect(stored).toEqual([
      {
        incidentMonth: `${year}-${month}`,
        region: '16',
        perpetrators: codeList(['police', 'client']),
        violence: codeList(['extortion', 'physical']),
        identity: 'trans_woman',
        ageBand: '25_34',
        nationality: 'venezuelan',
        setting: 'street',
        reportedToAuthority: 'refused',
        channel: 'self',
        gbvType: primaryGbvType(['extortion', 'physical']),
      },
      {
        incidentMonth: `${year}-${month}`,
        region: '16',
        perpetrators: codeList(['police']),
        violence: codeList(['detention']),
        identity: 'undisclosed',
        ageBand: 'undisclosed',
        nationality: 'undisclosed',
        setting: 'undisclosed',
        reportedToAuthority: 'no',
        channel: 'assisted',
        gbvType: primaryGbvType(['detention']),
      },
    ]);

    // The server never saw any free text, the client address or the user agent in clear.
    const dbFile = path.join(server.dataDir, 'voz-segura.db');
    const haystacks = [dbFile, `${dbFile}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'));
    haystacks.push(server.logs());
    const needles = [...Object.values(SECRETS), CLIENT_IP, USER_AGENT, 'VozE2EAgent'];
    for (const needle of needles) {
      for (const hay of haystacks) expect(hay.includes(needle), needle).toBe(false);
    }
    // The address the requests really came from (the socket's) is not in the database either;
    // the logs may name it only as the server's own listening address.
    const socketAddress = '127.0.0.1';
    for (const hay of haystacks.slice(0, -1)) expect(hay.includes(socketAddress)).toBe(false);
    const logLines = server
      .logs()
      .split('\n')
      .filter((l) => l.includes(socketAddress));
    expect(logLines.every((l) => l.includes('Server listening at'))).toBe(true);

    // The demo organisations' keys open the boxes: legal aid sees the contact; advocacy does not.
    const legal = await openReports(server, 'demo-legal');
    expect(legal.lines).toHaveLength(1);
    for (const secret of Object.values(SECRETS)) expect(legal.raw).toContain(secret);
    const advocacy = await openReports(server, 'demo-colectivo');
    expect(advocacy.lines).toHaveLength(2);
    expect(advocacy.raw).toContain(SECRETS.narrative);
    expect(advocacy.raw).toContain(SECRETS.perpetrator);
    expect(advocacy.raw).not.toContain(SECRETS.contact);
    expect(advocacy.raw).not.toContain(SECRETS.safeTimes);
    const full = advocacy.lines.find((l) => l.narrative === SECRETS.narrative);
    expect(full?.details.exactDate).toBe(`${year}-${month}${EXACT_DATE_MARK}`);
    expect(full?.facts.perpetrators).toEqual(['police', 'client']);
    await page.close();
  }, 120_000);

  it('leaves for a neutral page with Escape, and Back does not return to the form', async () => {
    const exitPage = 'https://www.google.com/search?q=pron%C3%B3stico+del+tiempo';
    const page = await context.newPage();
    await page.route('https://www.google.com/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<title>Tiempo</title>neutral',
      }),
    );
    await page.goto(`${server.url}/`);
    await next(page);
    await page.getByLabel('Lo lleno yo, sobre lo que me pasó').check();
    await page.keyboard.press('Escape');
    await page.waitForURL(exitPage);
    await page.goBack().catch(() => null);
    expect(page.url().startsWith(server.url)).toBe(false);
    await page.close();
    foreignRequests.length = 0; // the exit page was fulfilled locally, on purpose
  });

  it('switches to English in place, without changing the URL', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.click('#switch-lang');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('[data-step="intro"] h1').textContent()).toBe(
      'Tell us what happened',
    );
    expect(await page.locator('#quick-exit').textContent()).toBe('Quick exit');
    await next(page);
    expect(await page.getByLabel('I am filling it in about myself').count()).toBe(1);
    await axeClean(page, 'english channel step');
    expect(page.url()).toBe(`${server.url}/`);
    await page.close();
  });

  it('shows the child-protection referral after a report from someone under 18', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const [year, month] = currentPeruMonth(new Date()).split('-');
    await next(page);
    await page.getByLabel('Lo lleno yo, sobre lo que me pasó').check();
    await next(page);
    await page.selectOption('select[name="month"]', month ?? '');
    await page.selectOption('select[name="year"]', year ?? '');
    await next(page);
    await page.selectOption('select[name="region"]', '07');
    await next(page);
    await page.getByLabel('Cliente', { exact: true }).check();
    await next(page);
    await page.getByLabel('Violación').check();
    await next(page);
    await next(page); // identity skipped
    await page.getByLabel('Menos de 18 años').check();
    for (let i = 0; i < 3; i++) await next(page);
    await page.getByLabel('No', { exact: true }).check();
    for (let i = 0; i < 3; i++) await next(page);
    await page.getByLabel('No, gracias').check();
    await next(page);
    await next(page);
    await page.locator('#done').waitFor({ state: 'visible', timeout: 30_000 });
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
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    // Both have happened: the paint, and the whole of libsodium has arrived.
    await page.waitForFunction(
      (chunks) =>
        performance.getEntriesByName('first-paint').length > 0 &&
        performance
          .getEntriesByType('resource')
          .some((e) => chunks.some((c) => e.name.endsWith(`/${c}`))),
      sodiumChunks,
    );
    const { paint, fetches } = await page.evaluate((chunks) => {
      const first = performance.getEntriesByName('first-paint')[0];
      return {
        paint: first?.startTime ?? Number.NaN,
        fetches: performance
          .getEntriesByType('resource')
          .filter((e) => chunks.some((c) => e.name.endsWith(`/${c}`)))
          .map((e) => e.startTime),
      };
    }, sodiumChunks);
    for (const start of fetches) expect(start).toBeGreaterThan(paint);
    await page.close();
  });

  it('is usable by keyboard alone', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
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
      const plain = await browser.newContext({ javaScriptEnabled });
      // Somewhere ordinary, answered here: the test reaches no other site.
      await plain.route('https://www.google.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/plain', body: 'pronóstico' }),
      );
      for (const address of ['/', '/seguimiento/']) {
        const page = await plain.newPage();
        await page.goto(`${server.url}${address}`);
        await page.locator('#quick-exit').click();
        await page.waitForURL(/^https:\/\/www\.google\.com\//);
        await page.close();
      }
      await plain.close();
    }
  });
});
