// For browser tests of sending a report over a bad connection: each POST the page makes is
// intercepted and given a planned fate, and what the server really stored is read from its
// database file.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { expect } from 'vitest';
import { type BrowserSuite, browserSuite } from './browser-suite.ts';
import { answerFirstSteps } from './form-steps.ts';

export const NARRATIVE = 'OFFLINE-NARRATIVA-PQ42 sin señal en el puerto';

/** A count read straight from the server's SQLite file (read-only). */
export function countRowsIn(dataDir: string, sql: string, ...params: string[]): number {
  const db = new Database(path.join(dataDir, 'voz-segura.db'), { readonly: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Report rows the server really stored: all of them, or those with one id. */
export function storedReportsIn(dataDir: string, id?: string): number {
  return id === undefined
    ? countRowsIn(dataDir, 'select count(*) as n from reports')
    : countRowsIn(dataDir, 'select count(*) as n from reports where id = ?', id);
}

/**
 * Registers a file's server and Chromium (browser-suite.ts) for sending tests, with a proof of
 * work quick to solve, and returns them with the report rows that server stored (all, or one id).
 */
export function sendingSuite(): { suite: BrowserSuite; storedReports: (id?: string) => number } {
  const suite = browserSuite({ STATS_K: '2', POW_DIFFICULTY: '8' });
  return { suite, storedReports: (id) => storedReportsIn(suite.server.dataDir, id) };
}

/**
 * What happens to one POST: the connection drops before it reaches the server ('cut'); the
 * server stores it but the answer never reaches the phone ('answer-lost'); it goes through
 * normally ('through', also for every attempt beyond the plan); it never gets an answer until
 * the test lets go ('hang'); something in between (a proxy, a firewall) answers 403 with a page
 * of its own ('proxy-403'); a captive portal answers 200 with its sign-in page ('portal-200'); or
 * the service refuses it as a conflict ('conflict').
 */
export type Fate =
  | 'cut'
  | 'answer-lost'
  | 'through'
  | 'hang'
  | 'proxy-403'
  | 'portal-200'
  | 'conflict';
export type Post = {
  body: { id?: string; envelope?: string };
  raw: string;
  fate: Fate;
  /** What the server answered, when the request reached it. */
  server: { status: number; body: unknown } | null;
  /** Set once the phone has been given its answer (or its network error). */
  settled: boolean;
  error?: string;
};

/**
 * Intercepts every POST to `endpoint` (by default, that of waiting reports) in the context and
 * records it. Attempt n (1-based) waits until `gate.open >= n`, so the test decides when each
 * attempt may end; a 'hang' waits until `gate.released`.
 */
export async function interceptPosts(
  context: BrowserContext,
  plan: Fate[],
  endpoint = '/api/reports/sealed',
): Promise<{ posts: Post[]; gate: { open: number; released: boolean }; seen: () => number }> {
  const posts: Post[] = [];
  const gate = { open: Number.POSITIVE_INFINITY, released: false };
  // Every POST the browser makes, counted apart from the route, so none can slip past it.
  let seen = 0;
  context.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === endpoint) seen++;
  });
  await context.route(`**${endpoint}`, async (route: Route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    const raw = request.postData() ?? '';
    const post: Post = {
      body: JSON.parse(raw) as Post['body'],
      raw,
      fate: plan[posts.length] ?? 'through',
      server: null,
      settled: false,
    };
    posts.push(post);
    const n = posts.length;
    // A test that failed early never opens the gate: give up after a minute rather than hang.
    const deadline = Date.now() + 60_000;
    const held = (): boolean =>
      Date.now() < deadline && (post.fate === 'hang' ? !gate.released : gate.open < n);
    while (held()) await new Promise((resolve) => setTimeout(resolve, 20));
    try {
      if (post.fate === 'cut' || post.fate === 'hang' || gate.open < n) {
        await route.abort('internetdisconnected');
      } else if (post.fate === 'proxy-403') {
        await route.fulfill({
          status: 403,
          contentType: 'text/html',
          body: '<html><body><h1>403 Forbidden</h1></body></html>',
        });
      } else if (post.fate === 'portal-200') {
        await route.fulfill({
          status: 200,
          contentType: 'text/html',
          body: '<html><body><h1>Wi-Fi gratis</h1><p>Acepta los términos</p></body></html>',
        });
      } else if (post.fate === 'conflict') {
        await route.fulfill({
          status: 409,
          contentType: 'application/json',
          body: JSON.stringify({
            error: {
              code: 'id_conflict',
              message: 'A different report was already sent with this id',
            },
          }),
        });
      } else {
        const response = await route.fetch();
        post.server = { status: response.status(), body: await response.json() };
        if (post.fate === 'answer-lost') await route.abort('connectionreset');
        else await route.fulfill({ response });
      }
      post.settled = true;
    } catch (err) {
      post.error = String(err); // e.g. the page gave up on the request; the assertions see it
    }
  });
  return { posts, gate, seen: () => seen };
}

/** Sends 'online' events until the page has made `n` POSTs (an event during a send is ignored). */
export async function nudgeUntilPosted(page: Page, posts: Post[], n: number): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        return posts.length;
      },
      { timeout: 20_000, message: `the page never made POST number ${n} of the waiting report` },
    )
    .toBeGreaterThanOrEqual(n);
}

/** Moves the page's clock past its retry delays (1, 3 and 6 s) until `n` tries have ended. */
export async function passRetries(page: Page, posts: Post[], n: number): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.clock.fastForward(6_500);
        return posts.filter((p) => p.settled).length;
      },
      { timeout: 30_000 },
    )
    .toBe(n);
}

/** The form, loaded, with its service worker ready. */
export async function readyPageAt(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForLoadState('networkidle');
  return page;
}

/** Answers the fewest questions a report needs, and stops on the review (Enviar is next). */
export async function fillMinimalReport(page: Page): Promise<void> {
  await answerFirstSteps(page, {
    region: '25',
    perpetrators: ['Serenazgo o fiscalizador municipal'],
  });
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

/** Fills the report with no connection and taps Enviar: the report is kept on the phone. */
export async function saveReportOffline(context: BrowserContext, page: Page): Promise<void> {
  await fillMinimalReport(page);
  await context.setOffline(true);
  await page.click('#next'); // Enviar
  await page.locator('#done').waitFor({ state: 'visible' });
}

/** What the form's panel about a saved report says. */
export function outboxText(page: Page): Promise<string | null> {
  return page.locator('#outbox-text').textContent();
}

/** The records of the outbox, as JSON text, read without creating its database. */
export async function outboxRecords(page: Page): Promise<string[]> {
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

/**
 * A new phone whose sends meet `fates`, with a report filled in and saved while offline; the
 * phone is left offline.
 */
export async function reportSavedOffline(
  suite: { browser: Browser; server: { url: string } },
  fates: Fate[],
) {
  const context = await suite.browser.newContext();
  const sends = await interceptPosts(context, fates);
  const page = await readyPageAt(context, suite.server.url);
  await saveReportOffline(context, page);
  return { context, page, ...sends };
}
