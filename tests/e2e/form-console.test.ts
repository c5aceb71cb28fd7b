// The form loads, seals and sends with a clean console: no error, no uncaught exception and no
// Content-Security-Policy violation (a script trying to evaluate a string), on the page or in the
// worker that seals. Lighthouse counted zod's probe for `new Function` as a console error.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser-suite.ts';
import { fillMinimalReport, storedReportsIn } from '../helpers/form-send.ts';

const suite = browserSuite({ POW_DIFFICULTY: '8' });

/** Everything the page, its workers and Chromium's issue panel complain about. */
async function complaints(page: Page): Promise<string[]> {
  const found: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') found.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => found.push(`pageerror: ${e.message}`));
  page.on('worker', (w) => {
    w.on('console', (m) => {
      if (m.type() === 'error') found.push(`worker console: ${m.text()}`);
    });
  });
  // Chromium's own record of CSP violations, which Lighthouse's "issues" audit reads.
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Audits.issueAdded', (e) => {
    if (e.issue.code === 'ContentSecurityPolicyIssue')
      found.push(`CSP issue: ${JSON.stringify(e.issue.details.contentSecurityPolicyIssueDetails)}`);
  });
  await cdp.send('Audits.enable');
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return found;
}

describe('the form on a clean console', () => {
  it('loads, seals in the background and sends with no error and no CSP violation', async () => {
    const context = await suite.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const found = await complaints(page);
    await page.goto(`${suite.server.url}/`);
    await page.waitForLoadState('networkidle');
    // The sealing runs off the page, so typing never freezes while libsodium loads.
    expect(page.workers().map((w) => new URL(w.url()).pathname)).toEqual([
      expect.stringMatching(/^\/seal-worker\.\w+\.js$/),
    ]);
    const before = storedReportsIn(suite.server.dataDir);
    await fillMinimalReport(page);
    await page.click('#next'); // Enviar
    await page.locator('#done').waitFor({ state: 'visible' });
    expect(await page.locator('#receipt-code').textContent()).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(storedReportsIn(suite.server.dataDir)).toBe(before + 1);
    expect(found).toEqual([]);
    await context.close();
  }, 120_000);
});
