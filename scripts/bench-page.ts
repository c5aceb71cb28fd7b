// Page weight and time to a usable form on an emulated slow 3G connection in Chromium.
// Budget: the first screen (HTML, CSS and JS, without libsodium) within 30 KB compressed.
import { launchBrowser } from '../tests/helpers/browser.ts';
import { removeDir, startServer } from '../tests/helpers/server.ts';
import { slowPhone } from '../tests/helpers/slow-phone.ts';

const BUDGET_BYTES = 30 * 1024;

async function main(): Promise<void> {
  const server = await startServer({ LOG_LEVEL: 'warn' }, { loadShedding: 'defaults' });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const cdp = await slowPhone(context, page, { cacheDisabled: true });
    const urls = new Map<string, string>();
    const sizes = new Map<string, number>();
    const finishedAt = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) =>
      urls.set(e.requestId, new URL(e.request.url).pathname),
    );
    cdp.on('Network.loadingFinished', (e) => {
      const url = urls.get(e.requestId) ?? '?';
      sizes.set(url, e.encodedDataLength);
      finishedAt.set(url, performance.now());
    });
    const start = performance.now();
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    // Usable: the form's script has run (it fills in the years) and the first button is there.
    await page.waitForFunction(
      () => document.querySelectorAll('select[name="year"] option').length > 1,
      null,
      {
        timeout: 60_000,
      },
    );
    const usableMs = performance.now() - start;
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    const usableAt = start + usableMs;
    const lines = [...sizes].sort((a, b) => b[1] - a[1]);
    // The first screen is what had arrived when the form became usable; the rest (libsodium,
    // the sealing code, the keys and the proof-of-work challenge) loads in the background.
    const firstScreen = lines.filter(([u]) => (finishedAt.get(u) ?? Infinity) <= usableAt);
    const later = lines.filter(([u]) => (finishedAt.get(u) ?? Infinity) > usableAt);
    const firstBytes = firstScreen.reduce((a, [, n]) => a + n, 0);
    const lastAt = Math.max(...later.map(([u]) => finishedAt.get(u) ?? start));
    process.stdout.write(
      'page: transfer sizes on the wire (compressed), emulated Slow 3G (400 ms RTT, 400 kbit/s)\n',
    );
    const show = ([url, bytes]: [string, number]): void => {
      process.stdout.write(`  ${url.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(7)} KB\n`);
    };
    process.stdout.write('  first screen:\n');
    firstScreen.forEach(show);
    process.stdout.write('  after first screen, in the background:\n');
    later.forEach(show);
    process.stdout.write(
      `page: first screen ${(firstBytes / 1024).toFixed(1)} KB of a ${BUDGET_BYTES / 1024} KB budget (${firstBytes <= BUDGET_BYTES ? 'within' : 'OVER'})\n`,
    );
    process.stdout.write(`page: usable form after ${(usableMs / 1000).toFixed(2)} s on Slow 3G\n`);
    if (later.length) {
      process.stdout.write(
        `page: background loading (libsodium and the rest) done after ${((lastAt - start) / 1000).toFixed(1)} s\n`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
    removeDir(server.dataDir);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`page bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
