// Answering the report form's steps in Chromium, as a reporter would: the few answers most
// tests need, written once.
import type { Page } from 'playwright-core';
import { currentPeruMonth } from '../../src/shared/months.ts';

export type FirstAnswers = {
  /** Who fills it in; the person herself unless told. */
  channel?: string;
  /** A region code of the vocabulary ('07' is Callao). */
  region: string;
  /** Labels of the perpetrator types, exactly as the form shows them. */
  perpetrators: string[];
};

/** From the intro to the violence step: who fills it in, this month, the region, who did it. */
export async function answerFirstSteps(page: Page, answers: FirstAnswers): Promise<void> {
  const next = () => page.click('#next');
  const [year, month] = currentPeruMonth(new Date()).split('-');
  await next();
  await page.getByLabel(answers.channel ?? 'Lo lleno yo, sobre lo que me pasó').check();
  await next();
  await page.selectOption('select[name="month"]', month ?? '');
  await page.selectOption('select[name="year"]', year ?? '');
  await next();
  await page.selectOption('select[name="region"]', answers.region);
  await next();
  for (const label of answers.perpetrators) await page.getByLabel(label, { exact: true }).check();
  await next();
}

/** On the legal-aid step: asks to be contacted on WhatsApp, for a complaint, and consents. */
export async function askForLegalAid(
  page: Page,
  reach: { contact: string; safeTimes: string },
): Promise<void> {
  await page.getByLabel('Sí, quiero que me contacten').check();
  await page.getByLabel('WhatsApp').check();
  await page.fill('input[name="contactValue"]', reach.contact);
  await page.fill('input[name="safeTimes"]', reach.safeTimes);
  await page.getByLabel('Poner una denuncia').check();
  await page.getByLabel(/Acepto que la organización/).check();
}

/** On the legal-aid step: declines it, passes the review, sends, and waits for the confirmation. */
export async function declineLegalAidAndSend(page: Page): Promise<void> {
  await page.getByLabel('No, gracias').check();
  await page.click('#next');
  await page.click('#next'); // Enviar
  await page.locator('#done').waitFor({ state: 'visible', timeout: 30_000 });
}
