// Matching in Chromium (issue 17): two people report the same client's phone number, written
// differently; the organisation sees the two reports matched, without the server ever holding
// the number in any form.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeClean } from '../helpers/browser.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { answerFirstSteps } from '../helpers/form-steps.ts';
import { demoLogins, signInAndUnlock } from '../helpers/workspace-ui.ts';

const suite = browserSuite({ STATS_K: '2' });

const PHONE_DIGITS = '987654321';
const PHONE_E164 = '+51987654321';
const PLATE = 'ABC123';

/** A report naming `phone` (and `plate`) as typed, through the whole form. */
async function reportNaming(page: Page, phone: string, plate?: string): Promise<void> {
  const next = () => page.click('#next');
  await page.goto(`${suite.server.url}/`);
  await answerFirstSteps(page, { region: '15', perpetrators: ['Cliente'] });
  await page.getByLabel('Golpes o ataque físico').check();
  for (let i = 0; i < 5; i++) await next();
  await page.getByLabel('No', { exact: true }).check();
  await next();
  await next(); // the narrative, left empty
  await page.getByLabel('Su número de teléfono').fill(phone);
  if (plate) await page.getByLabel('Placa del carro o moto').fill(plate);
  await next();
  await page.getByLabel('No, gracias').check();
  await next();
  await next(); // Enviar
  await page.locator('#done').waitFor({ state: 'visible', timeout: 30_000 });
}

/** Every way the number or plate could sit in a file: as text, hex, base64, or their SHA-256. */
function spellings(value: string): string[] {
  const bytes = Buffer.from(value);
  const sha = createHash('sha256').update(bytes).digest();
  return [
    value,
    bytes.toString('hex'),
    bytes.toString('base64'),
    sha.toString('hex'),
    sha.toString('base64'),
  ];
}

describe('matching reports that name the same person', () => {
  it('shows the organisation two reports of one phone, and keeps the number nowhere', async () => {
    const reporter = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const first = await reporter.newPage();
    await first.goto(`${suite.server.url}/`);
    // A number that is not one is refused on the step, in plain words.
    await answerFirstSteps(first, { region: '15', perpetrators: ['Cliente'] });
    await first.getByLabel('Golpes o ataque físico').check();
    for (let i = 0; i < 5; i++) await first.click('#next');
    await first.getByLabel('No', { exact: true }).check();
    await first.click('#next');
    await first.click('#next');
    await first.getByLabel('Su número de teléfono').fill('12');
    await axeClean(first, 'recognise');
    await first.click('#next');
    await expect
      .poll(() => first.locator('#recognise-error').textContent())
      .toContain('no parece un teléfono');
    await reporter.close();

    // Two people, two phones, two spellings of one number; a third report names another.
    for (const [phone, plate] of [
      ['987 654 321', 'abc 123'],
      [PHONE_E164, undefined],
      ['912 000 111', undefined],
    ] as const) {
      const context = await suite.browser.newContext();
      await reportNaming(await context.newPage(), phone, plate);
      await context.close();
    }

    const admin = demoLogins(suite.server.logs()).get('demo-colectivo');
    if (!admin) throw new Error(`no demo login in:\n${suite.server.logs()}`);
    const staff = await suite.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await staff.newPage();
    await signInAndUnlock(page, suite.server.url, admin);
    await page.locator('ul.reports li').first().waitFor();
    const lines = page.locator('ul.reports li .match-line');
    await expect.poll(() => lines.count()).toBe(2);
    expect(await lines.allTextContents()).toEqual([
      'Coincide con 1 reporte(s): mismo teléfono',
      'Coincide con 1 reporte(s): mismo teléfono',
    ]);
    await axeClean(page, 'inbox with matches');
    const matched = page.locator('ul.reports li', { has: page.locator('.match-line') });
    await matched.first().getByRole('button', { name: /Abrir/ }).click();
    const card = page.locator('article.report');
    await card.waitFor();
    expect(await card.locator('.matches').textContent()).toContain(
      'Coincide con 1 reporte(s) de tu organización (mismo teléfono)',
    );
    await axeClean(page, 'report with matches');
    const shown = await card.getAttribute('data-report');
    await card
      .locator('.matches')
      .getByRole('button', { name: /Ver reporte/ })
      .click();
    await expect
      .poll(() => page.locator('article.report').getAttribute('data-report'))
      .not.toBe(shown);
    // The organisation reads the number itself only inside the sealed report.
    expect(await page.locator('article.report').textContent()).toMatch(/987 654 321|\+51987654321/);
    await staff.close();

    // Nothing the server keeps holds the number or the plate, in any spelling.
    const dir = suite.server.dataDir;
    const files = ['voz-segura.db', 'voz-segura.db-wal']
      .map((f) => path.join(dir, f))
      .filter((f) => existsSync(f));
    const haystacks = [
      ...files.map((f) => readFileSync(f).toString('latin1')),
      suite.server.logs(),
    ];
    for (const value of [
      PHONE_DIGITS,
      PHONE_E164,
      `phone:${PHONE_E164}`,
      PLATE,
      `plate:${PLATE}`,
    ]) {
      for (const form of spellings(value)) {
        for (const hay of haystacks) expect(hay.includes(form), `${value} as ${form}`).toBe(false);
      }
    }
  }, 180_000);
});
