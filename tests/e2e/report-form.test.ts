// The whole path in Chromium: a person fills the real form, the browser seals, the server
// stores ciphertext and the coarse facts chosen, and nothing identifying is left anywhere in clear.
// (Leaving, language, referrals, keyboard and small screens: report-form-use.test.ts.)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { codeList } from '../../db/repos/reports-repo.ts';
import { primaryGbvType } from '../../src/shared/gbvims.ts';
import { currentPeruMonth } from '../../src/shared/months.ts';
import { axeClean } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { CLIENT_IP, FORM_SERVER_ENV, formContext, USER_AGENT } from '../helpers/form-context.ts';
import { answerFirstSteps, askForLegalAid, declineLegalAidAndSend } from '../helpers/form-steps.ts';
import { openReports } from '../helpers/open-reports.ts';

const SECRETS = {
  narrative: 'NARRATIVA-ZX81 me pidio plata en la esquina',
  place: 'LUGAR-QW73 avenida sin nombre',
  perpetrator: 'PLACA-KJ55 apodo el flaco',
  contact: 'CONTACTO-987654321',
  safeTimes: 'HORARIO-TT12 despues de las seis',
};
const EXACT_DATE_MARK = '-17'; // the exact day goes only in the sealed part

const suite = browserSuite(FORM_SERVER_ENV);
const form = formContext(suite);

async function next(page: Page): Promise<void> {
  await page.click('#next');
}

describe('the report form in Chromium', () => {
  it('seals a full report, stores only ciphertext and the coarse facts chosen', async () => {
    const page = await form.context.newPage();
    await page.goto(`${suite.server.url}/`);
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
    // One answer or more on each step, from what happened to whether it was reported.
    for (const answers of [
      ['Cobro de coimas o multas sin motivo', 'Golpes o ataque físico'],
      ['Mujer trans'],
      ['25 a 34 años'],
      ['Venezolana'],
      ['En la calle'],
      ['Lo intenté, pero no me hicieron caso'],
    ]) {
      for (const answer of answers) await page.getByLabel(answer).check();
      await next(page);
    }
    await page.fill('textarea[name="narrative"]', SECRETS.narrative);
    await next(page);
    await page.fill('input[name="exactDate"]', `${year}-${month}${EXACT_DATE_MARK}`);
    await page.fill('input[name="place"]', SECRETS.place);
    await page.fill('textarea[name="perpetratorDetails"]', SECRETS.perpetrator);
    await next(page);
    await askForLegalAid(page, SECRETS);
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
    await answerFirstSteps(page, {
      channel: 'Ayudo a otra persona a llenarlo',
      region: '16',
      perpetrators: ['Policía'],
    });
    await page.getByLabel('Detención sin motivo').check();
    for (let i = 0; i < 5; i++) await next(page); // identity, age, nationality, setting skipped
    await page.getByLabel('No', { exact: true }).check();
    await next(page);
    await next(page);
    await next(page);
    await declineLegalAidAndSend(page);
    expect(await page.locator('#done-legal').isVisible()).toBe(false);
    expect(await page.locator('#done-body').textContent()).toContain('Nadie sabrá que fuiste tú');

    // Nothing left on the phone, in the URL, or in cookies; no request left our origin.
    expect(page.url()).toBe(`${suite.server.url}/`);
    const storage = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
    }));
    expect(storage).toEqual({ local: 0, session: 0, idb: 0 });
    expect(await form.context.cookies()).toEqual([]);
    expect(form.foreignRequests).toEqual([]);

    // Stored: two reports, both in Loreto, each with exactly the coarse facts chosen in the form;
    // the questions skipped in the second are stored as "prefer not to say".
    const db = new Database(path.join(suite.server.dataDir, 'voz-segura.db'), { readonly: true });
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
    const dbFile = path.join(suite.server.dataDir, 'voz-segura.db');
    const haystacks = [dbFile, `${dbFile}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'));
    haystacks.push(suite.server.logs());
    const needles = [...Object.values(SECRETS), CLIENT_IP, USER_AGENT, 'VozE2EAgent'];
    for (const needle of needles) {
      for (const hay of haystacks) expect(hay.includes(needle), needle).toBe(false);
    }
    // The address the requests really came from (the socket's) is not in the database either;
    // the logs may name it only as the server's own listening address.
    const socketAddress = '127.0.0.1';
    for (const hay of haystacks.slice(0, -1)) expect(hay.includes(socketAddress)).toBe(false);
    const logLines = suite.server
      .logs()
      .split('\n')
      .filter((l) => l.includes(socketAddress));
    expect(logLines.every((l) => l.includes('Server listening at'))).toBe(true);

    // The demo organisations' keys open the boxes: legal aid sees the contact; advocacy does not.
    const legal = await openReports(suite.server, 'demo-legal');
    expect(legal.lines).toHaveLength(1);
    for (const secret of Object.values(SECRETS)) expect(legal.raw).toContain(secret);
    const advocacy = await openReports(suite.server, 'demo-colectivo');
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
});
