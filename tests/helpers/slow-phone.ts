// The phone the reporters have, emulated in Chromium through the DevTools protocol: Chrome
// DevTools' "Slow 3G" network (400 ms round trip, 400 kbit/s each way) and, if asked, a CPU
// `cpuSlowdown` times slower than this machine's.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1024) / 8,
  uploadThroughput: (400 * 1024) / 8,
};

export async function slowPhone(
  context: BrowserContext,
  page: Page,
  options: { cpuSlowdown?: number; cacheDisabled?: boolean } = {},
): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (options.cacheDisabled) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  if (options.cpuSlowdown) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown });
  }
  return cdp;
}
