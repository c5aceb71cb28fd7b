// Driving the workspace and the report form in Chromium, as staff and reporters would.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeClean } from './browser.ts';
import { answerFirstSteps, askForLegalAid } from './form-steps.ts';

export type DemoLogin = { orgId: string; email: string; password: string; passphrase: string };

/** The demo-only logins the server prints at start-up. */
export function demoLogins(logs: string): Map<string, DemoLogin> {
  const out = new Map<string, DemoLogin>();
  const re = /^\s+(\S+): e-mail (\S+)\s+password (\S+)\s+key passphrase (\S+)$/gm;
  for (const m of logs.matchAll(re)) {
    const [, orgId = '', email = '', password = '', passphrase = ''] = m;
    out.set(orgId, { orgId, email, password, passphrase });
  }
  return out;
}

export async function signInAndUnlock(
  page: Page,
  url: string,
  who: { email: string; password: string; passphrase: string },
  check?: string,
): Promise<void> {
  await page.goto(`${url}/equipo/`);
  await page.locator('#login').waitFor({ state: 'visible' });
  if (check) await axeClean(page, `${check} sign-in`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await page.click('#login-form button[type="submit"]');
  await page.locator('#unlock').waitFor({ state: 'visible' });
  await page.fill('#passphrase', `${who.passphrase}-mal`);
  await page.click('#unlock-form button[type="submit"]');
  await expect.poll(() => page.locator('#unlock-status').textContent()).toContain('no es correcta');
  if (check) await axeClean(page, `${check} unlock`);
  await page.fill('#passphrase', who.passphrase);
  await page.click('#unlock-form button[type="submit"]');
  await page.locator('#app').waitFor({ state: 'visible', timeout: 30_000 });
}

/** An admin adds a caseworker; the key is wrapped in the admin's browser. */
export async function addCaseworker(
  page: Page,
  member: { email: string; password: string; passphrase: string },
): Promise<void> {
  await page.click('[data-view="staff"]');
  await page.locator('#new-email').waitFor();
  await axeClean(page, 'staff');
  await page.fill('#new-email', member.email);
  await page.fill('#new-name', 'Caseworker ficticia');
  await page.selectOption('#new-role', 'caseworker');
  await page.fill('#new-password', member.password);
  await page.fill('#new-passphrase', member.passphrase);
  await page.click('#view form button[type="submit"]');
  await expect
    .poll(() => page.locator('#view ul.staff').textContent(), { timeout: 15_000 })
    .toContain(member.email);
  // The admin is told it worked, and what to do next; the role is said in Spanish.
  expect(await page.locator('#view .status').textContent()).toContain(
    'Listo: agregaste a Caseworker ficticia',
  );
  expect(await page.locator('#view ul.staff').textContent()).toContain('Gestora de casos');
  // Every other active member can be deactivated from the list.
  const deactivate = page.getByRole('button', { name: /Desactivar a Caseworker ficticia/ });
  expect(await deactivate.count()).toBe(1);
  await page.click('#logout');
  await page.locator('#login').waitFor({ state: 'visible' });
}

export type ReportInput = {
  narrative: string;
  contact: string;
  safeTimes: string;
  under18?: boolean;
};

/** Fills the report form asking for legal aid; returns the receipt code shown at the end. */
export async function reportAskingLegalAid(
  page: Page,
  url: string,
  input: ReportInput,
): Promise<string> {
  const next = () => page.click('#next');
  await page.goto(`${url}/`);
  await answerFirstSteps(page, { region: '25', perpetrators: ['Policía'] });
  await page.getByLabel('Cobro de coimas o multas sin motivo').check();
  await next();
  await next();
  if (input.under18) await page.getByLabel('Menos de 18 años').check();
  for (let i = 0; i < 3; i++) await next();
  await page.getByLabel('No', { exact: true }).check();
  await next();
  await page.fill('textarea[name="narrative"]', input.narrative);
  await next();
  await next();
  await askForLegalAid(page, input);
  await next();
  await next();
  await page.locator('#done').waitFor({ state: 'visible', timeout: 30_000 });
  const code = (await page.locator('#receipt-code').textContent()) ?? '';
  expect(code).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
  return code;
}

export { axeClean };
