// The browser context the report-form tests (tests/e2e/report-form*.test.ts) open on their
// server: a phone-sized window, a made-up user agent and, behind the server's trusted proxy, a
// forwarded client address, so that the server could be caught keeping either; and requests that
// would leave our origin are refused and recorded.
import type { BrowserContext } from 'playwright-core';
import { beforeAll } from 'vitest';
import { blockForeignRequests } from './browser.ts';
import type { BrowserSuite } from './browser-suite.ts';

// Behind a trusted proxy, so the forwarded address below is the one the server works with
// (hashed for rate limits) and must still be found nowhere.
export const FORM_SERVER_ENV = { STATS_K: '2', TRUST_PROXY: 'loopback' };
export const CLIENT_IP = '198.51.100.23';
export const USER_AGENT = 'VozE2EAgent/7.7 (synthetic test browser)';

export type FormContext = {
  /** The context, once the file's beforeAll has run. */
  readonly context: BrowserContext;
  /** Where requests that would have left our origin are recorded. */
  readonly foreignRequests: string[];
};

/** Registers the file's beforeAll that opens the context in `suite`'s browser. */
export function formContext(suite: BrowserSuite): FormContext {
  let context: BrowserContext | undefined;
  const foreignRequests: string[] = [];
  beforeAll(async () => {
    context = await suite.browser.newContext({
      userAgent: USER_AGENT,
      extraHTTPHeaders: { 'X-Forwarded-For': CLIENT_IP },
      viewport: { width: 360, height: 740 },
    });
    await blockForeignRequests(context, suite.server.url, foreignRequests);
  });
  return {
    get context(): BrowserContext {
      if (!context) throw new Error('the context is not open yet (use it inside a test)');
      return context;
    },
    foreignRequests,
  };
}
