// The whole follow-up story in Chromium: a reporter asks for legal aid and keeps the receipt;
// a legal-aid caseworker signs in, sees the contact and replies; an advocacy caseworker sees the
// report without the contact; the reporter reads the reply. Then nothing secret is in clear in
// the database, its WAL or the logs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser-suite.ts';
import {
  addCaseworker,
  axeClean,
  demoLogins,
  reportAskingLegalAid,
  signInAndUnlock,
} from '../helpers/workspace-ui.ts';

const SECRETS = {
  narrative: 'NARRATIVA-WS42 el sereno me quito el celular',
  contact: 'CONTACTO-WS-912345678',
  safeTimes: 'HORARIO-WS77 mananas',
  reply: 'RESPUESTA-WS93 te llamamos el martes',
  addition: 'AGREGADO-WS18 tengo una foto',
};
const LEGAL_CW = {
  email: 'cw@legal.example',
  password: 'clave-caseworker-legal',
  passphrase: 'frase inicial legal larga',
};
const ADVOCACY_CW = {
  email: 'cw@colectivo.example',
  password: 'clave-caseworker-colectivo',
  passphrase: 'frase inicial colectivo',
};

const suite = browserSuite({ STATS_K: '2' });

describe('the workspace and follow-up story', () => {
  it('goes from report to reply without anything secret reaching the server in clear', async () => {
    const logins = demoLogins(suite.server.logs());
    const legalAdmin = logins.get('demo-legal');
    const advocacyAdmin = logins.get('demo-colectivo');
    if (!legalAdmin || !advocacyAdmin)
      throw new Error(`no demo logins in:\n${suite.server.logs()}`);

    // 1. The reporter asks for legal aid and keeps the receipt.
    const reporter = await suite.browser.newContext();
    const form = await reporter.newPage();
    const receipt = await reportAskingLegalAid(form, suite.server.url, SECRETS);
    await axeClean(form, 'receipt');

    // Admins add one caseworker each, wrapping the key in their own browser.
    const staff = await suite.browser.newContext();
    const page = await staff.newPage();
    await signInAndUnlock(page, suite.server.url, legalAdmin, 'workspace');
    await addCaseworker(page, LEGAL_CW);
    await signInAndUnlock(page, suite.server.url, advocacyAdmin);
    await addCaseworker(page, ADVOCACY_CW);

    // 2. The legal-aid caseworker sees the contact in the intake queue, and replies.
    await signInAndUnlock(page, suite.server.url, LEGAL_CW);
    const sheet = page.locator('.intake-sheet');
    await sheet.waitFor({ timeout: 5000 }).catch(async () => {
      throw new Error(`no sheet: ${await page.locator('main').textContent()}`);
    });
    expect(await sheet.textContent()).toContain(SECRETS.contact);
    expect(await sheet.textContent()).toContain(SECRETS.safeTimes);
    expect(await sheet.textContent()).toContain(SECRETS.narrative);
    await axeClean(page, 'intake');
    await sheet.getByRole('button', { name: /Contactada/ }).click();
    await expect
      .poll(() => page.locator('.intake-sheet').textContent())
      .toContain('Estado del caso: Contactada');
    // Printing shows this one sheet alone on paper.
    await page
      .locator('.intake-sheet')
      .getByRole('button', { name: /Imprimir ficha/ })
      .click();
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => {
      document.body.classList.add('print-one');
      document.querySelector('.intake-sheet')?.classList.add('to-print');
    });
    expect(await page.locator('.intake-sheet .print-only').isVisible()).toBe(true);
    expect(await page.locator('nav.tabs').isVisible()).toBe(false);
    await page.evaluate(() => document.body.classList.remove('print-one'));
    await page.emulateMedia({ media: 'screen' });
    await page.click('[data-view="key"]');
    await page.locator('#own-password-current').waitFor();
    await axeClean(page, 'account');
    await page.click('[data-view="inbox"]');
    await page.locator('ul.reports li').first().waitFor();
    await axeClean(page, 'inbox');
    await page.locator('ul.reports li').first().getByRole('button', { name: /Abrir/ }).click();
    await page.locator('article.report').waitFor();
    await axeClean(page, 'report');
    await page.getByLabel(/Responder a la persona/).fill(SECRETS.reply);
    const replyForm = page.locator('article.report form').nth(1);
    await replyForm.getByRole('button', { name: /Responder a la persona/ }).click();
    // Nothing is sent before the person confirms.
    await expect.poll(() => replyForm.textContent()).toContain('¿Enviar esta respuesta?');
    expect(await page.locator('article.report').textContent()).not.toContain('Respuesta enviada');
    await axeClean(page, 'reply confirmation');
    await replyForm.getByRole('button', { name: /Sí, enviar/ }).click();
    await expect
      .poll(() => page.locator('article.report').textContent())
      .toContain('Respuesta enviada');
    await page.click('#logout');

    // 3. The advocacy caseworker sees the same report, without the contact.
    await signInAndUnlock(page, suite.server.url, ADVOCACY_CW);
    await page.locator('ul.reports li').first().getByRole('button', { name: /Abrir/ }).click();
    const card = page.locator('article.report');
    await card.waitFor();
    expect(await card.textContent()).toContain(SECRETS.narrative);
    expect(await card.textContent()).not.toContain(SECRETS.contact);
    expect(await card.locator('.contact-details').count()).toBe(0);
    await card.getByRole('button', { name: /En revisión/ }).click();
    await expect
      .poll(() => page.locator('article.report').textContent())
      .toContain('Estado: En revisión');
    await page.click('#logout');
    await staff.close();

    // 4. The reporter types the receipt and reads the reply; then adds something.
    const follow = await reporter.newPage();
    await follow.goto(`${suite.server.url}/seguimiento/`);
    await axeClean(follow, 'follow-up');
    await follow.fill('#code', '0000 0000 0000 0000');
    await follow.click('#lookup-button');
    await expect
      .poll(() => follow.locator('#lookup-status').textContent(), { timeout: 15_000 })
      .toContain('No encontramos');
    await follow.fill('#code', receipt);
    await follow.click('#lookup-button');
    await follow.locator('#result').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await follow.locator('#replies').textContent()).toContain(SECRETS.reply);
    expect(await follow.locator('#statuses').textContent()).toContain('Contactada');
    await axeClean(follow, 'follow-up result');
    await follow.fill('#addition', SECRETS.addition);
    await follow.click('#add button[type="submit"]');
    await expect.poll(() => follow.locator('#add-status').textContent()).toContain('Enviado');
    expect(await reporter.cookies()).toEqual([]);
    const storage = await follow.evaluate(() => localStorage.length + sessionStorage.length);
    expect(storage).toBe(0);
    await reporter.close();

    // Nothing secret in the database file, its WAL, or the logs.
    const dbFile = path.join(suite.server.dataDir, 'voz-segura.db');
    const files = [dbFile, `${dbFile}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f));
    const haystacks = [...files.map((b) => b.toString('latin1')), suite.server.logs()];
    const keys = ['demo-legal', 'demo-colectivo'].map((id) =>
      readFileSync(path.join(suite.server.dataDir, 'keys', `${id}.key`), 'utf8').trim(),
    );
    const needles = [
      ...Object.values(SECRETS),
      receipt,
      receipt.replace(/ /g, ''),
      ...keys,
      LEGAL_CW.passphrase,
      ADVOCACY_CW.passphrase,
      LEGAL_CW.password,
    ];
    for (const needle of needles) {
      for (const hay of haystacks) expect(hay.includes(needle), needle).toBe(false);
    }
    for (const key of keys) {
      const raw = Buffer.from(key, 'base64');
      for (const file of files) expect(file.includes(raw)).toBe(false);
    }
  }, 240_000);

  it('a reporter withdraws at /seguimiento/: the report is deleted and leaves the counts', async () => {
    const dbFile = path.join(suite.server.dataDir, 'voz-segura.db');
    const count = (): number => {
      const db = new Database(dbFile, { readonly: true });
      try {
        return (db.prepare('select count(*) as n from reports').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const receipt = await reportAskingLegalAid(page, suite.server.url, {
      narrative: 'NARRATIVA-RETIRO',
      contact: 'CONTACTO-RETIRO',
      safeTimes: 'HORARIO-RETIRO',
    });
    const before = count();
    await page.goto(`${suite.server.url}/seguimiento/`);
    await page.fill('#code', receipt);
    await page.click('#lookup-button');
    await page.locator('#result').waitFor({ state: 'visible', timeout: 15_000 });
    await page.click('#withdraw');
    await page.click('#withdraw-confirm');
    await expect.poll(() => page.locator('#lookup-status').textContent()).toContain('borrado');
    expect(await page.locator('#result').isVisible()).toBe(false);
    expect(count()).toBe(before - 1);
    await page.fill('#code', receipt);
    await page.click('#lookup-button');
    await expect
      .poll(() => page.locator('#lookup-status').textContent(), { timeout: 15_000 })
      .toContain('No encontramos');
    await context.close();
  }, 120_000);
});
