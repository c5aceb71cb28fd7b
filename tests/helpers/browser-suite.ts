// The set-up every browser test file shares: one real server and one Chromium for the file,
// both closed and the server's data directory removed afterwards.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { type RunningServer, removeDir, startServer } from './server.ts';

export type BrowserSuite = { readonly server: RunningServer; readonly browser: Browser };

/**
 * Registers the file's beforeAll/afterAll: starts the server with `env`, runs `seed` (reports
 * sent before the browser starts), then launches Chromium. Read `server` and `browser` from the
 * returned object inside hooks and tests, once beforeAll has run.
 */
export function browserSuite(
  env: Record<string, string> = {},
  seed?: (server: RunningServer) => Promise<void>,
): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(env);
    await seed?.(server);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });
  return {
    get server(): RunningServer {
      if (!server) throw new Error('the server is not started yet (use it inside a hook or test)');
      return server;
    },
    get browser(): Browser {
      if (!browser)
        throw new Error('the browser is not launched yet (use it inside a hook or test)');
      return browser;
    },
  };
}
