// How the pages feel on the phones reporters have.
//
// 1. Lighthouse (mobile preset: simulated slow 4G and a 4x slower CPU) on the form, the follow-up
//    page, the workspace and the dashboard: performance, accessibility and best practices, total
//    blocking time, and any console error. Lighthouse runs through `npx --yes lighthouse@<pinned>`
//    with Debian's Chromium rather than from devDependencies: it is about 80 MB and would slow
//    every `npm ci`, and only this benchmark uses it. Each page is measured LH_RUNS times (3 by
//    default) and the median printed, with the load average, since this machine is shared.
// 2. The form on a throttled phone (Slow 3G, 400 kbit/s, and a CPU 4x slower via the DevTools
//    protocol): the time from tapping Enviar to the confirmation, when the form was filled in
//    15 s and when it was filled as fast as a script can.
//
// Needs `npm run build:web` first. LH_RUNS=0 skips Lighthouse, LH_PAGES=/,/equipo/ measures only
// those pages; SEND_RUNS=0 skips part 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_PATH, launchBrowser } from '../tests/helpers/browser.ts';
import { fillMinimalReport } from '../tests/helpers/form-send.ts';
import { removeDir, startServer } from '../tests/helpers/server.ts';
import { slowPhone } from '../tests/helpers/slow-phone.ts';

const LIGHTHOUSE = 'lighthouse@12.8.2'; // 13.x needs Node 22; the project runs on Node 20
const PAGES = process.env.LH_PAGES?.split(',') ?? [
  '/',
  '/seguimiento/',
  '/equipo/',
  '/estadisticas',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const LH_RUNS = Number(process.env.LH_RUNS ?? 3);
const SEND_RUNS = Number(process.env.SEND_RUNS ?? 3);
const FILLED_IN_MS = 15_000;

const load = (): string => os.loadavg()[0]?.toFixed(2) ?? '?';
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

type LighthouseRun = {
  scores: Record<(typeof CATEGORIES)[number], number>;
  tbtMs: number;
  lcpMs: number;
  consoleErrors: string[];
  /** Best-practices audits that failed, by id. */
  failed: string[];
  load: string;
};

type Report = {
  categories: Record<
    string,
    { score: number | null; auditRefs: Array<{ id: string; weight: number }> }
  >;
  audits: Record<
    string,
    {
      score: number | null;
      numericValue?: number;
      details?: { items?: Array<Record<string, unknown>> };
    }
  >;
};

/** One Lighthouse run; on a busy machine its trace is sometimes lost (NO_NAVSTART): tried again. */
function lighthouse(url: string, outDir: string, n: number, tries = 3): LighthouseRun {
  try {
    return lighthouseOnce(url, outDir, n);
  } catch (err) {
    if (tries <= 1) throw err;
    process.stderr.write(`pages: ${err instanceof Error ? err.message : String(err)}; again\n`);
    return lighthouse(url, outDir, n, tries - 1);
  }
}

function lighthouseOnce(url: string, outDir: string, n: number): LighthouseRun {
  const out = path.join(outDir, `lh-${n}.json`);
  const before = load();
  const run = spawnSync(
    'npx',
    [
      '--yes',
      LIGHTHOUSE,
      url,
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      `--only-categories=${CATEGORIES.join(',')}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking',
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (run.status !== 0) throw new Error(`lighthouse failed on ${url}: ${run.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  const score = (c: string): number => Math.round((report.categories[c]?.score ?? 0) * 100);
  const items = (audit: string): Array<Record<string, unknown>> =>
    report.audits[audit]?.details?.items ?? [];
  return {
    scores: {
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
    },
    tbtMs: report.audits['total-blocking-time']?.numericValue ?? Number.NaN,
    lcpMs: report.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
    consoleErrors: items('errors-in-console').map((i) => String(i.description ?? i.source)),
    failed: (report.categories['best-practices']?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (report.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => ref.id),
    load: before,
  };
}

async function lighthouseAll(baseUrl: string): Promise<void> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'voz-segura-lh-'));
  try {
    process.stdout.write(
      `pages: Lighthouse ${LIGHTHOUSE}, mobile preset, Debian Chromium, median of ${LH_RUNS}\n`,
    );
    let n = 0;
    for (const page of PAGES) {
      const runs: LighthouseRun[] = [];
      for (let i = 0; i < LH_RUNS; i++) runs.push(lighthouse(`${baseUrl}${page}`, outDir, n++));
      const med = (f: (r: LighthouseRun) => number): number => median(runs.map(f));
      const errors = [...new Set(runs.flatMap((r) => r.consoleErrors))];
      const failed = [...new Set(runs.flatMap((r) => r.failed))];
      process.stdout.write(
        `  ${page.padEnd(14)} performance ${med((r) => r.scores.performance)} ` +
          `(${runs.map((r) => r.scores.performance).join('/')}), ` +
          `accessibility ${med((r) => r.scores.accessibility)}, ` +
          `best practices ${med((r) => r.scores['best-practices'])}, ` +
          `TBT ${Math.round(med((r) => r.tbtMs))} ms, LCP ${(med((r) => r.lcpMs) / 1000).toFixed(1)} s, ` +
          `load ${runs.map((r) => r.load).join('/')}\n`,
      );
      for (const e of errors) process.stdout.write(`    console error: ${e}\n`);
      if (failed.length) process.stdout.write(`    best practices failed: ${failed.join(', ')}\n`);
    }
  } finally {
    removeDir(outDir);
  }
}

/** One reporter on the throttled phone: from Enviar to the confirmation, in ms. */
async function sendOnce(baseUrl: string, filledInMs: number): Promise<number> {
  const browser = await launchBrowser();
  try {
    // A first visit: nothing cached, no service worker.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await slowPhone(context, page, { cpuSlowdown: 4, cacheDisabled: true });
    const opened = performance.now();
    await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
    // Usable: the form's script has run (it fills in the years).
    await page.waitForFunction(
      () => document.querySelectorAll('select[name="year"] option').length > 1,
      null,
      { timeout: 60_000 },
    );
    await fillMinimalReport(page);
    const left = filledInMs - (performance.now() - opened);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    const tapped = performance.now();
    await page.click('#next'); // Enviar
    await page.locator('#done').waitFor({ state: 'visible', timeout: 120_000 });
    return performance.now() - tapped;
  } finally {
    await browser.close();
  }
}

async function sendAll(baseUrl: string): Promise<void> {
  process.stdout.write(
    'pages: Enviar → confirmation, Slow 3G (400 ms RTT, 400 kbit/s) and CPU 4x slower, first visit\n',
  );
  for (const [what, ms] of [
    ['filled in 15 s', FILLED_IN_MS],
    ['filled at once', 0],
  ] as const) {
    const times: number[] = [];
    const loads: string[] = [];
    for (let i = 0; i < SEND_RUNS; i++) {
      loads.push(load());
      times.push(await sendOnce(baseUrl, ms));
    }
    process.stdout.write(
      `  ${what.padEnd(15)} median ${(median(times) / 1000).toFixed(1)} s ` +
        `(${times.map((t) => (t / 1000).toFixed(1)).join('/')}), target 5 s, load ${loads.join('/')}\n`,
    );
  }
}

async function main(): Promise<void> {
  const server = await startServer({ LOG_LEVEL: 'warn' });
  try {
    if (LH_RUNS > 0) await lighthouseAll(server.url);
    if (SEND_RUNS > 0) await sendAll(server.url);
  } finally {
    await server.stop();
    removeDir(server.dataDir);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`pages bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
