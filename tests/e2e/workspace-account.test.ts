// The workspace's account features in Chromium: recovery with the recovery key, turning on
// TOTP, and the strict CSP of the workspace and follow-up pages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../src/crypto/staff-credentials.ts';
import { EXIT_URL } from '../../web/src/lib/quick-exit.ts';
import { browserSuite } from '../helpers/browser-suite.ts';
import { demoLogins, signInAndUnlock } from '../helpers/workspace-ui.ts';

const suite = browserSuite();

describe('workspace accounts', () => {
  it('an admin who lost the passphrase recovers with the recovery key; the old one stops working', async () => {
    const admin = demoLogins(suite.server.logs()).get('demo-colectivo');
    if (!admin) throw new Error('no demo login');
    const recoveryKey = readFileSync(
      path.join(suite.server.dataDir, 'keys', 'demo-colectivo.key'),
      'utf8',
    );
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/equipo/`);
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await page.click('#login-form button[type="submit"]');
    await page.locator('#unlock').waitFor({ state: 'visible' });
    await page.click('#recover summary');
    await page.fill('#recovery-key', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    await page.fill('#recovery-passphrase', 'una frase nueva y larga');
    await page.click('#recover-form button[type="submit"]');
    await expect
      .poll(() => page.locator('#recover-status').textContent())
      .toContain('no es la llave de recuperación');
    await page.fill('#recovery-key', recoveryKey.trim());
    await page.click('#recover-form button[type="submit"]');
    await page.locator('#app').waitFor({ state: 'visible', timeout: 30_000 });
    await page.click('#logout');
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await page.click('#login-form button[type="submit"]');
    await page.fill('#passphrase', admin.passphrase);
    await page.click('#unlock-form button[type="submit"]');
    await expect
      .poll(() => page.locator('#unlock-status').textContent())
      .toContain('no es correcta');
    await page.fill('#passphrase', 'una frase nueva y larga');
    await page.click('#unlock-form button[type="submit"]');
    await page.locator('#app').waitFor({ state: 'visible', timeout: 30_000 });

    // Moving between views, then recovering again, sends the new wrapped key exactly once.
    await page.click('[data-view="key"]');
    await page.click('[data-view="inbox"]');
    await page.click('#logout');
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await page.click('#login-form button[type="submit"]');
    await page.locator('#unlock').waitFor({ state: 'visible' });
    const rewraps: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/staff/me/wrapped-key')) rewraps.push(r.method());
    });
    // Still open from the first recovery; a click on its summary would close it.
    await page.locator('#recover').evaluate((d) => {
      (d as HTMLDetailsElement).open = true;
    });
    await page.fill('#recovery-key', recoveryKey.trim());
    await page.fill('#recovery-passphrase', 'otra frase nueva y larga');
    await page.click('#recover-form button[type="submit"]');
    await page.locator('#app').waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(rewraps).toEqual(['PUT']);
    await context.close();
  }, 120_000);

  it('a member turns on TOTP in the workspace; sign-in then asks for the code', async () => {
    const admin = demoLogins(suite.server.logs()).get('demo-legal');
    if (!admin) throw new Error('no demo login');
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await signInAndUnlock(page, suite.server.url, admin);
    await page.click('[data-view="key"]');
    await page.getByRole('button', { name: /Activar/ }).click();
    const shown = (await page.locator('#totp-title ~ form .receipt-code').textContent()) ?? '';
    const secret = shown.replace(/\s/g, '');
    await page.fill('#totp-confirm', totpCode(secret, Date.now()));
    await page.getByRole('button', { name: /Confirmar/ }).click();
    await expect.poll(() => page.locator('#view').textContent()).toContain('Activado');
    await page.click('#logout');
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await page.click('#login-form button[type="submit"]');
    await expect.poll(() => page.locator('#login-status').textContent()).toContain('6 números');
    // The next step's code: the one just used to confirm cannot be used again.
    await page.fill('#totp', totpCode(secret, Date.now() + 30_000));
    await page.click('#login-form button[type="submit"]');
    await page.locator('#unlock').waitFor({ state: 'visible' });
    await context.close();
  }, 120_000);

  it('serves the workspace and follow-up pages under the same strict CSP, with no inline script', async () => {
    for (const page of ['/equipo/', '/seguimiento/']) {
      const res = await fetch(`${suite.server.url}${page}`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('set-cookie')).toBeNull();
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html).not.toMatch(/\son[a-z]+=/); // no inline event handlers
      // Nothing from another origin: the only other address is where the quick exit leads, a
      // link the person follows, never a resource the page loads.
      expect(html.replaceAll(`href="${EXIT_URL}"`, '')).not.toMatch(/https?:\/\//);
    }
  });
});
