// Anyone with an organisation's public key (GET /api/recipients) and a proof of work can send a
// box that holds no report. One such box once made the legal-aid intake queue show only an
// error and hid every real request, an under-18 one among them. It must show as one item that
// could not be opened, still actionable, with every real report around it readable: in the
// intake queue, both inboxes, a report's messages and `npm run reports:open`.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { badBoxBase64 } from '../helpers/bad-boxes.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { monthsAgo } from '../helpers/months.ts';
import { runReportsOpen } from '../helpers/open-reports.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';
import { serverOrgs, submitWithProof } from '../helpers/server-reports.ts';
import {
  axeClean,
  demoLogins,
  reportAskingLegalAid,
  signInAndUnlock,
} from '../helpers/workspace-ui.ts';

const ADULT = {
  narrative: 'NARRATIVA-ADULTA el serenazgo me quito la plata',
  contact: 'CONTACTO-ADULTA-987654321',
  safeTimes: 'HORARIO-ADULTA tardes',
};
const MINOR = {
  narrative: 'NARRATIVA-MENOR me detuvieron en la comisaria',
  contact: 'CONTACTO-MENOR-912000111',
  safeTimes: 'HORARIO-MENOR noches',
  under18: true,
};
const NO_LEGAL_NARRATIVE = 'NARRATIVA-SIN-AYUDA un policia me pidio coima';
const NOTE = 'NOTA-REAL llamar el lunes';
const UNOPENED = 'No se pudo abrir';

const suite = browserSuite();

/** What a list shows: how many items, how many could not be opened, and any page error. */
async function listState(
  page: Page,
  selector: string,
): Promise<{ items: number; unopened: number; error: string }> {
  return {
    items: await page.locator(selector).count(),
    unopened: await page.locator(`${selector}.unopened`).count(),
    error: (await page.locator('#app-status').textContent()) ?? '',
  };
}

describe('a box that is not a report', () => {
  it('shows as one item that could not be opened, and every real report still shows', async () => {
    const logins = demoLogins(suite.server.logs());
    const legalAdmin = logins.get('demo-legal');
    const advocacyAdmin = logins.get('demo-colectivo');
    if (!legalAdmin || !advocacyAdmin)
      throw new Error(`no demo logins in:\n${suite.server.logs()}`);
    const orgs = await serverOrgs(suite.server.url);

    // Real reports: two through the form asking a lawyer to call (one from someone under 18),
    // one through the API without legal aid.
    const reporter = await suite.browser.newContext();
    const form = await reporter.newPage();
    await reportAskingLegalAid(form, suite.server.url, ADULT);
    await reportAskingLegalAid(form, suite.server.url, MINOR);
    await reporter.close();
    await submitWithProof(
      suite.server.url,
      await sealedSubmission(orgs, {
        facts: validFacts({ incidentMonth: monthsAgo(1) }),
        narrative: NO_LEGAL_NARRATIVE,
      }),
    );
    // The bad one: JSON that is not a document for the lawyers (the case that blanked the
    // queue), random bytes for the advocacy organisation.
    const badId = randomUUID();
    await submitWithProof(suite.server.url, {
      id: badId,
      facts: validFacts({ incidentMonth: monthsAgo(1) }),
      sealed: [
        { recipient: orgs.advocacy.id, box: badBoxBase64('not-json', orgs.advocacy.publicKey) },
        { recipient: orgs.legal.id, box: badBoxBase64('not-a-document', orgs.legal.publicKey) },
      ],
    });

    // A phone-sized screen: caseworkers check the queue on their phones too.
    const staff = await suite.browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await staff.newPage();

    // The legal-aid queue: both real requests and one item that could not be opened.
    await signInAndUnlock(page, suite.server.url, legalAdmin);
    await expect
      .poll(() => listState(page, '.intake-sheet'))
      .toEqual({ items: 3, unopened: 1, error: '' });
    const badSheet = page.locator(`.intake-sheet[data-report="${badId}"]`);
    const badSheetText = (await badSheet.textContent()) ?? '';
    expect(badSheetText).toContain(UNOPENED);
    expect(badSheetText).toContain(badId);
    const queue = (await page.locator('#view').textContent()) ?? '';
    for (const secret of [ADULT.contact, ADULT.narrative, MINOR.contact, MINOR.safeTimes]) {
      expect(queue).toContain(secret);
    }
    expect(queue).toContain('Menos de 18 años');
    // The under-18 request is flagged at the top of its sheet, and only that one; every sheet
    // shows nationality and who filled the form in.
    const flagged = page.locator('.intake-sheet:has(.child-flag)');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.locator('.child-flag').textContent()).toContain('Menor de 18 años');
    expect(await flagged.textContent()).toContain(MINOR.contact);
    expect(queue).toContain('Nacionalidad');
    expect(queue).toContain('Quién lo llenó');
    await axeClean(page, 'intake with a box that cannot be opened');
    // Still actionable: it can be set aside as not valid from the queue.
    await badSheet.getByRole('button', { name: /En revisión/ }).click();
    await page
      .locator(`.intake-sheet[data-report="${badId}"]`)
      .getByRole('button', { name: /No válido/ })
      .click();
    await expect
      .poll(() => page.locator(`.intake-sheet[data-report="${badId}"]`).textContent())
      .toContain('Estado: No válido');
    expect(await page.locator('.intake-sheet').count()).toBe(3);

    // The legal-aid inbox: the same three, the bad one opens to a card that says so.
    await page.click('[data-view="inbox"]');
    await expect
      .poll(() => listState(page, 'ul.reports li'))
      .toEqual({ items: 3, unopened: 1, error: '' });
    expect(await page.locator('ul.reports li .child-flag').count()).toBe(1);
    await axeClean(page, 'inbox with a box that cannot be opened');
    await page
      .locator(`ul.reports li[data-report="${badId}"]`)
      .getByRole('button', { name: /Abrir/ })
      .click();
    const card = page.locator('article.report');
    await card.waitFor();
    expect(await card.textContent()).toContain(UNOPENED);
    expect(await card.textContent()).toContain('Estado: No válido');
    await axeClean(page, 'a report that cannot be opened');
    await page.getByLabel(/Nota interna/).fill(NOTE);
    await card.locator('form').first().getByRole('button').click();
    await expect.poll(() => page.locator('article.report').textContent()).toContain(NOTE);

    // A message in a real report's thread that cannot be opened: the others still show.
    await page.getByRole('button', { name: /Volver a la bandeja/ }).click();
    const real = page.locator('ul.reports li:not(.unopened)').first();
    await real.waitFor();
    const realId = (await real.getAttribute('data-report')) ?? '';
    const badNote = badBoxBase64('not-a-box', orgs.legal.publicKey);
    const status = await page.evaluate(
      async ({ id, box }) => {
        const me = (await (await fetch('/api/staff/me')).json()) as { csrfToken: string };
        const res = await fetch(`/api/org/reports/${id}/notes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ box }),
        });
        return res.status;
      },
      { id: realId, box: badNote },
    );
    expect(status).toBe(201);
    await real.getByRole('button', { name: /Abrir/ }).click();
    await page.locator('article.report').waitFor();
    await page.getByLabel(/Nota interna/).fill(NOTE);
    await page.locator('article.report form').first().getByRole('button').click();
    await expect
      .poll(() => page.locator('article.report .message', { hasText: NOTE }).count())
      .toBe(1);
    expect(await page.locator('article.report .message.unopened').count()).toBe(1);
    const thread = (await page.locator('article.report').textContent()) ?? '';
    expect([ADULT.narrative, MINOR.narrative].some((n) => thread.includes(n))).toBe(true);
    await page.click('#logout');

    // The advocacy inbox: three real reports and one that could not be opened.
    await signInAndUnlock(page, suite.server.url, advocacyAdmin);
    await expect
      .poll(() => listState(page, 'ul.reports li'))
      .toEqual({ items: 4, unopened: 1, error: '' });
    expect(await page.locator(`ul.reports li[data-report="${badId}"]`).textContent()).toContain(
      UNOPENED,
    );
    await axeClean(page, 'advocacy inbox with a box that cannot be opened');
    await page.click('#logout');
    await staff.close();

    // The command-line opener: the real reports on stdout, the bad one named on stderr.
    const failed = await runReportsOpen([
      '--org',
      'demo-legal',
      '--key',
      path.join(suite.server.dataDir, 'keys', 'demo-legal.key'),
      '--db',
      path.join(suite.server.dataDir, 'voz-segura.db'),
    ]).then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    if (!failed) throw new Error('reports:open should exit with 1 when a box cannot be opened');
    expect(failed.code).toBe(1);
    const opened = failed.stdout.split('\n').filter(Boolean);
    expect(opened).toHaveLength(2);
    expect(failed.stdout).toContain(ADULT.contact);
    expect(failed.stdout).toContain(MINOR.contact);
    expect(failed.stderr).toContain(`Report ${badId}: box content is not a valid sealed document`);
    expect(failed.stderr).toContain('2 of 3 reports opened');
  }, 300_000);
});
