// npm run bench:public -- [--db <file>] [--reports 1000000]
// Public statistics at scale: how long publishing a snapshot takes, and how fast public reads
// are answered from it (p50/p99 over every catalogue query and its slices), against reading the
// same answers from the old exact path (countFromReports over the rows) as a baseline in the
// same run. Reads go through the real route (app.inject), so validation, the cache and the
// headers are counted; no timing assertions anywhere.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../api/app.ts';
import { publishThrough } from '../api/services/public/stats-snapshot.ts';
import { createDb } from '../db/client.ts';
import { countFromReports } from '../db/stats/stats-repo.ts';
import { RELAXED_APP_CONFIG } from './relaxed-app-config.ts';
import { seedSynthetic } from './seed-synthetic.ts';

const { values } = parseArgs({
  options: { db: { type: 'string' }, reports: { type: 'string', default: '1000000' } },
});
const reports = Number(values.reports);
const cache = path.join(os.tmpdir(), 'voz-bench-cache');
mkdirSync(cache, { recursive: true });
let source = values.db ?? path.join(cache, `synthetic-${reports}.db`);
if (!values.db && !existsSync(source)) {
  console.log(`seeding ${reports} synthetic reports into ${source} (once; cached)…`);
  seedSynthetic(source, reports, 1);
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'voz-bench-public-'));
const file = path.join(dir, 'bench.db');
copyFileSync(source, file);
source = file;

const pct = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (x: number): string => `${x.toFixed(3)} ms`;

const handle = createDb(file);
const count = (handle.sqlite.prepare('select count(*) as n from reports').get() as { n: number }).n;
console.log(
  `bench:public on ${count} reports (${os.cpus()[0]?.model}, ${os.cpus().length} cores, Node ${process.version})`,
);

let t0 = performance.now();
publishThrough(handle.db, new Date().toISOString().slice(0, 10), new Date(), {
  rho: 1,
  period: 'quarter',
  delayDays: 7,
});
console.log(
  `snapshot: counted, noised and stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// The staff engine's worker would load a million reports on the same core meanwhile.
const app = await buildApp({ ...RELAXED_APP_CONFIG }, { db: handle, orgStatsEngine: 'sql' });
await app.ready();
const queries = [
  'by=region',
  'by=perpetrator',
  'by=violence',
  'by=month',
  'by=gbvType',
  'by=identity',
  'by=ageBand',
  'by=perpetrator,region',
  'by=perpetrator,violence',
  'by=region,month',
  'by=gbvType,region',
  'by=region&perpetrator=police',
  'by=perpetrator&region=1501',
  'by=month&region=25',
  'by=region&from=2026-01&to=2026-06',
  'by=violence&perpetrator=police',
  'by=region&verified=true',
  'by=perpetrator&verified=true',
];
// First reads build each answer once from the stored catalogue.
t0 = performance.now();
for (const q of queries) await app.inject({ url: `/api/stats?${q}` });
console.log(
  `first read of ${queries.length} answers (built from the snapshot): ${ms((performance.now() - t0) / queries.length)} each`,
);
const times: number[] = [];
for (let i = 0; i < 20_000; i++) {
  const q = queries[i % queries.length] as string;
  const start = performance.now();
  const res = await app.inject({ url: `/api/stats?${q}`, headers: { 'accept-encoding': 'br' } });
  times.push(performance.now() - start);
  if (res.statusCode !== 200) throw new Error(`${q}: ${res.statusCode} ${res.body}`);
}
const p50 = pct(times, 50);
const p99 = pct(times, 99);
console.log(`public reads (20,000, app.inject, brotli): p50 ${ms(p50)}, p99 ${ms(p99)}`);

// Baseline: the same questions counted exactly from the rows, as the old public route did for
// anything the counters could not answer.
const base: number[] = [];
for (const by of [
  ['region'],
  ['perpetrator'],
  ['perpetrator', 'region'],
  ['region', 'month'],
] as const) {
  const start = performance.now();
  countFromReports(handle.db, { by: [...by] });
  base.push(performance.now() - start);
}
console.log(
  `baseline, counting the rows for one answer: p50 ${ms(pct(base, 50))}, max ${ms(Math.max(...base))}`,
);
console.log(`public p99 / baseline p50: ${(p99 / pct(base, 50)).toExponential(2)}`);
await app.close();
rmSync(dir, { recursive: true, force: true });
