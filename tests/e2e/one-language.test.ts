// One language at a time on the follow-up page and the workspace, with the form's button:
// Spanish until English is chosen, dates as people write them, errors in the language chosen.
// Also what staff notice around it: no console error on opening /equipo/ and signing in, the
// sections on one row of a computer screen, and the analyst's figures as a table, not JSON.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeClean } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { newReceipt } from '../helpers/follow-up.ts';
import { sealedSubmission } from '../helpers/reports.ts';
import { type ServerOrg, serverAdvocacy, submitToServer } from '../helpers/server-reports.ts';
import { addAnalyst } from '../helpers/server-stats.ts';
import { demoLogins, signInAndUnlock } from '../helpers/workspace-ui.ts';

const SPANISH_DAY = /\b\d{1,2} de [a-záéíóú]+ de \d{4}\b/;
const ENGLISH_DAY =
  /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/;
const ISO_DAY = /\d{4}-\d{2}-\d{2}/;

let org: ServerOrg;

const suite = browserSuite({ POW_DIFFICULTY: '0' }, async (server) => {
  org = await serverAdvocacy(server.url);
  await submitToServer(server.url, org, 1, { region: '1501', perpetrators: ['police'] });
});

const visible = (page: Page): Promise<string> => page.locator('body').innerText();
const htmlLang = (page: Page): Promise<string | null> => page.locator('html').getAttribute('lang');

function login(orgId: string): { email: string; password: string; passphrase: string } {
  const found = demoLogins(suite.server.logs()).get(orgId);
  if (!found) throw new Error(`no demo login for ${orgId}`);
  return found;
}

describe('one language at a time', () => {
  it('the follow-up page is in Spanish, then only in English after the button, with written dates', async () => {
    const receipt = await newReceipt();
    const body = { ...(await sealedSubmission(org)), followUp: receipt.followUp };
    const sent = await fetch(`${suite.server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(sent.status).toBe(201);
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/seguimiento/`);
    expect(await htmlLang(page)).toBe('es');
    let text = await visible(page);
    expect(text).toContain('Seguimiento de tu reporte');
    expect(text).not.toContain('Follow up on your report');
    expect(text).not.toContain('Your receipt code');

    await page.fill('#code', receipt.code);
    await page.click('#lookup-button');
    await page.locator('#result').waitFor({ state: 'visible', timeout: 15_000 });
    text = await visible(page);
    expect(await page.locator('#received').textContent()).toMatch(
      new RegExp(`^Recibido el ${SPANISH_DAY.source}$`),
    );
    expect(text).toContain('Todavía no hay respuestas.');
    expect(text).not.toMatch(ISO_DAY);
    expect(text).not.toContain('No replies yet');
    await axeClean(page, 'follow-up in Spanish');

    await page.getByRole('button', { name: 'Change language to English' }).click();
    await expect.poll(() => htmlLang(page)).toBe('en');
    text = await visible(page);
    expect(text).toContain('Follow up on your report');
    expect(text).toContain('No replies yet.');
    expect(await page.locator('#received').textContent()).toMatch(
      new RegExp(`^Received on ${ENGLISH_DAY.source}$`),
    );
    for (const spanish of ['Seguimiento de tu reporte', 'Respuestas', 'Recibido', 'Retirar']) {
      expect(text).not.toContain(spanish);
    }
    // A message given after the switch is in English too, and goes back with the button.
    await page.fill('#code', '123');
    await page.click('#lookup-button');
    await expect
      .poll(() => page.locator('#lookup-status').textContent())
      .toBe('The code has 16 digits. Check it.');
    await axeClean(page, 'follow-up in English');
    await page.getByRole('button', { name: 'Cambiar el idioma a español' }).click();
    expect(await page.locator('#lookup-status').textContent()).toBe(
      'El código tiene 16 números. Revísalo.',
    );
    expect(await htmlLang(page)).toBe('es');
    await context.close();
  }, 120_000);

  it('the workspace opens and signs in with no console error, in Spanish, then only in English', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await signInAndUnlock(page, suite.server.url, login('demo-colectivo'));
    await page.locator('ul.reports li').first().waitFor();
    expect(errors).toEqual([]);

    expect(await htmlLang(page)).toBe('es');
    let text = await visible(page);
    expect(text).toContain('Bandeja');
    expect(text).toContain('Cerrar sesión');
    for (const english of ['Inbox', 'Log out', 'My account', 'Status', 'report(s)']) {
      expect(text).not.toContain(english);
    }
    // The day a report came in, written out, not ISO.
    const line = page.locator('ul.reports li').first();
    expect(await line.innerText()).toMatch(SPANISH_DAY);
    expect(text).not.toMatch(ISO_DAY);

    await page.getByRole('button', { name: 'Change language to English' }).click();
    await expect.poll(() => htmlLang(page)).toBe('en');
    text = await visible(page);
    expect(text).toContain('Inbox');
    expect(text).toContain('Log out');
    expect(await line.innerText()).toMatch(ENGLISH_DAY);
    for (const spanish of ['Bandeja', 'Cerrar sesión', 'Mi cuenta', 'Estado', 'Todos']) {
      expect(text).not.toContain(spanish);
    }
    await axeClean(page, 'inbox in English');

    // Views drawn after the switch are in English, roles and errors included.
    await page.click('[data-view="staff"]');
    await page.locator('#new-role').waitFor();
    expect(await page.locator('#new-role option:checked').textContent()).toContain('Caseworker');
    await page.fill('#new-email', 'nueva@demo-colectivo.example');
    await page.fill('#new-name', 'Nueva ficticia');
    await page.fill('#new-password', 'una contraseña larga');
    await page.fill('#new-passphrase', 'corta');
    await page.click('#view form button[type="submit"]');
    const status = page.locator('#view .status');
    await expect
      .poll(() => status.textContent())
      .toBe('It is too short: it must have at least 12 characters.');
    await page.getByRole('button', { name: 'Cambiar el idioma a español' }).click();
    expect(await status.textContent()).toBe(
      'Es muy corta: tiene que tener al menos 12 caracteres.',
    );
    expect(await page.locator('#new-role option:checked').textContent()).toContain(
      'Gestora de casos',
    );
    await page.click('[data-view="audit"]');
    await page.locator('#view table tbody tr').first().waitFor();
    const log = await page.locator('#view table').innerText();
    expect(log).toMatch(SPANISH_DAY);
    expect(log).not.toMatch(/When|Who|Signed in/);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the sections share one row on a 1280 px screen, in both languages', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // The legal-aid admin has every section: inbox, intake, staff, log, figures, account.
    await signInAndUnlock(page, suite.server.url, login('demo-legal'));
    const tops = async (): Promise<number[]> =>
      page
        .locator('nav.tabs button:visible')
        .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    await expect.poll(async () => (await tops()).length).toBe(6);
    expect(new Set(await tops()).size).toBe(1);
    await page.getByRole('button', { name: 'Change language to English' }).click();
    await expect.poll(() => htmlLang(page)).toBe('en');
    expect(new Set(await tops()).size).toBe(1);
    await context.close();
  }, 120_000);

  it("the analyst's «Ver cifras» shows the statistics view, not JSON", async () => {
    const analyst = await addAnalyst(suite.server);
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/equipo/`);
    await page.locator('#login').waitFor({ state: 'visible' });
    await page.fill('#email', analyst.email);
    await page.fill('#password', analyst.password);
    await page.click('#login-form button[type="submit"]');
    // Analysts hold no key: straight to the figures, no unlock.
    await page.locator('#exact-form').waitFor({ timeout: 30_000 });
    expect(await page.locator('#view h1').textContent()).toBe('Cifras exactas');
    await page.getByRole('button', { name: 'Ver cifras' }).click();
    // The figures: a table, or (with this server's few reports, when every way of showing the
    // table would let a small count be worked out) the one line that says it is withheld.
    const result = page.locator('#exact-result table, #exact-withheld');
    await result.first().waitFor();
    if (await page.locator('#exact-result table').count()) {
      const table = page.locator('#exact-result table');
      expect(await table.locator('caption').textContent()).toBe('Cifras exactas (confidencial)');
      expect(await table.locator('thead').innerText()).toContain('Reportes');
    } else {
      expect(await page.locator('#exact-withheld').textContent()).toContain('Tabla oculta');
    }
    expect(page.url()).toBe(`${suite.server.url}/equipo/`);
    expect(await visible(page)).not.toMatch(/^\s*[{[]|"cells"|"confidential"/m);
    await axeClean(page, 'analyst figures');
    await context.close();
  }, 120_000);
});
