// Times GET /api/stats for every 2-fact query against a small and a large synthetic database
// in the same run, and prints p50/p99 for each and their ratio:
//   npm run bench:stats -- [--db <file with 1,000,000 synthetic reports>] [--iterations 15]
// Without --db, both databases are generated first (the large one takes a few minutes).
// Requests go through the whole app (validation, counting, suppression, serialisation) with
// app.inject, so the figures are the service's own time without the network.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp, RELAXED_APP_CONFIG } from '../api/app.ts';
import { createDb } from '../db/client.ts';
import { currentPeruMonth, monthFromIndex, monthIndex } from '../src/months.ts';
import { DIMENSIONS } from '../src/stats.ts';
import { isSyntheticDatabase, seedSynthetic } from './seed-synthetic.ts';

type Result = { p50: number; p99: number; max: number; n: number };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Every pair of dimensions, and one dimension with one filter: all the 2-fact queries. */
export function twoFactQueries(now: string): string[] {
  const from = monthFromIndex(monthIndex(now) - 36);
  const to = monthFromIndex(monthIndex(now) - 6);
  const shapes: string[] = [];
  DIMENSIONS.forEach((a, i) => {
    for (const b of DIMENSIONS.slice(i + 1)) shapes.push(`by=${a},${b}`);
    if (a !== 'region') shapes.push(`by=${a}&region=1501`);
    if (a !== 'perpetrator') shapes.push(`by=${a}&perpetrator=police`);
  });
  return shapes.flatMap((s) => [s, `${s}&from=${from}&to=${to}`, `${s}&verified=true`]);
}

/** Queries over three facts: answered from the report rows, so they grow with the data. */
export const THREE_FACT_QUERIES = [
  'by=region,perpetrator&violence=rape',
  'by=region,perpetrator,violence',
];

async function time(file: string, queries: readonly string[], iterations: number): Promise<Result> {
  const handle = createDb(file);
  const app = await buildApp({ ...RELAXED_APP_CONFIG, statsK: 5 }, { db: handle });
  await app.ready();
  const samples: number[] = [];
  for (const url of queries) {
    const res = await app.inject({ method: 'GET', url: `/api/stats?${url}` });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  }
  for (let i = 0; i < iterations; i++) {
    for (const url of queries) {
      const started = process.hrtime.bigint();
      await app.inject({ method: 'GET', url: `/api/stats?${url}` });
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  await app.close();
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.at(-1) ?? 0,
    n: samples.length,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      reports: { type: 'string', default: '1000000' },
      baseline: { type: 'string', default: '10000' },
      iterations: { type: 'string', default: '15' },
    },
  });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'voz-bench-'));
  try {
    const baselineFile = path.join(tmp, 'baseline.db');
    seedSynthetic(baselineFile, Number(values.baseline), 2);
    let largeFile = values.db;
    if (!largeFile) {
      largeFile = path.join(tmp, 'large.db');
      process.stdout.write(`bench: generating ${values.reports} synthetic reports…\n`);
      seedSynthetic(largeFile, Number(values.reports), 1);
    }
    const large = isSyntheticDatabase(largeFile);
    if (!large.synthetic) throw new Error(`${largeFile} is not labelled synthetic`);
    const baselineCount = isSyntheticDatabase(baselineFile).reports;
    const queries = twoFactQueries(currentPeruMonth(new Date()));
    const iterations = Number(values.iterations);
    const small = await time(baselineFile, queries, iterations);
    const big = await time(largeFile, queries, iterations);
    const smallSlow = await time(baselineFile, THREE_FACT_QUERIES, 3);
    const bigSlow = await time(largeFile, THREE_FACT_QUERIES, 3);
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const ms = (x: number): string => `${x.toFixed(2)} ms`;
    const lines = [
      `GET /api/stats, ${queries.length} two-fact queries × ${iterations} rounds, in-process (app.inject)`,
      `machine: ${cpu} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
      '',
      '| reports | requests | p50 | p99 | max |',
      '|---:|---:|---:|---:|---:|',
      `| ${baselineCount} | ${small.n} | ${ms(small.p50)} | ${ms(small.p99)} | ${ms(small.max)} |`,
      `| ${large.reports} | ${big.n} | ${ms(big.p50)} | ${ms(big.p99)} | ${ms(big.max)} |`,
      '',
      `ratio large/baseline: p50 ${(big.p50 / small.p50).toFixed(2)}×, p99 ${(big.p99 / small.p99).toFixed(2)}× for ${(large.reports / baselineCount).toFixed(0)}× the reports`,
      `target p99 < 5 ms with ${large.reports} reports: ${big.p99 < 5 ? 'met' : 'NOT met'}`,
      '',
      `three-fact queries (${THREE_FACT_QUERIES.join('; ')}), from the report rows, not the counters:`,
      `  ${baselineCount} reports: p50 ${ms(smallSlow.p50)}, max ${ms(smallSlow.max)}; ${large.reports} reports: p50 ${ms(bigSlow.p50)}, max ${ms(bigSlow.max)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench-stats.ts'))
  main().catch((err: unknown) => {
    process.stderr.write(`bench:stats: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
