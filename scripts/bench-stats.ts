// Times the exact staff statistics (GET /api/org/stats, signed in as an analyst) at 1,000,000
// synthetic reports, through the whole app with app.inject (validation, session, counting,
// suppression, JSON, audit): the in-memory engine in its worker thread, and the SQL reference
// on the request thread as it was before, in the same run. Reports are submitted throughout,
// and the request thread's event-loop delay is recorded.
//   npm run bench:stats -- [--db <synthetic database>] [--reports 1000000] [--rounds 2]
// Without --db, the database is generated once (about 3 minutes for a million) and kept in
// <tmp>/voz-bench-cache for the next run. Each engine runs on a fresh copy of it, since the
// bench submits reports. (Public figures come from snapshots now: GET /api/stats is a look-up.)
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../db/client.ts';
import { listOrganisations } from '../db/repos/organisations-repo.ts';
import type { ReportSubmission } from '../src/contract/schemas.ts';
import { loadSodium } from '../src/crypto/sodium.ts';
import { currentPeruMonth } from '../src/shared/months.ts';
import { BENCH_ORGS, prepareOrgFixture } from './bench-org-fixture.ts';
import {
  type EngineRun,
  type QueryGroup,
  threeFactQueries,
  timeEngine,
} from './bench-org-stats.ts';
import { seedSynthetic, syntheticState } from './seed-synthetic.ts';
import { buildSyntheticSubmission } from './synthetic-submission.ts';

/** The SQL reference takes seconds a query, so it is timed on a few shapes, once each. */
const SQL_SHAPES = [
  'by=region,perpetrator,violence',
  'by=region,perpetrator&violence=rape',
  'by=identity,ageBand,setting&verified=true',
  'by=month,perpetrator,violence&region=1501',
];
const P99_TARGET_MS = 100;
const LOOP_TARGET_MS = 20;

async function prepare(file: string | undefined, reports: number): Promise<string> {
  let source = file;
  if (!source) {
    const cache = path.join(os.tmpdir(), 'voz-bench-cache');
    mkdirSync(cache, { recursive: true });
    source = path.join(cache, `synthetic-${reports}.db`);
    if (!existsSync(source)) {
      process.stdout.write(`bench: generating ${reports} synthetic reports in ${source}…\n`);
      seedSynthetic(source, reports, 1);
    }
  }
  const state = syntheticState(source);
  if (!state.synthetic) throw new Error(`${source} is not labelled synthetic`);
  const handle = createDb(source);
  try {
    await prepareOrgFixture(handle);
  } finally {
    handle.close();
  }
  return source;
}

async function submissions(file: string, count: number): Promise<ReportSubmission[]> {
  const sodium = await loadSodium();
  const handle = createDb(file);
  try {
    const recipients = listOrganisations(handle.db)
      .filter((o) => BENCH_ORGS.some((b) => b.id === o.id))
      .map((o) => ({
        id: o.id,
        name: o.name,
        role: o.role,
        publicKey: sodium.to_base64(o.publicKey, sodium.base64_variants.ORIGINAL),
      }));
    return Array.from({ length: count }, (_, i) => buildSyntheticSubmission(sodium, recipients, i));
  } finally {
    handle.close();
  }
}

async function run(
  source: string,
  engine: EngineRun['engine'],
  groups: readonly QueryGroup[],
  options: Parameters<typeof timeEngine>[3],
): Promise<EngineRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voz-bench-'));
  try {
    const file = path.join(dir, 'bench.db');
    copyFileSync(source, file);
    return await timeEngine(file, engine, groups, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  runs: readonly EngineRun[],
  reports: number,
  held: number,
  load: readonly number[],
): string {
  const ms = (x: number): string =>
    `${x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en')} ms`;
  const name = { index: 'in memory, worker thread', sql: 'SQL on the request thread (before)' };
  const lines = [
    'GET /api/org/stats (exact figures, staff), as an analyst, in-process (app.inject), while reports are submitted',
    `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average at start and end ${load.map((l) => l.toFixed(2)).join(', ')} (other work on the machine shows in the delays)`,
    `data: ${reports.toLocaleString('en')} synthetic reports; the analyst's organisation holds ${held.toLocaleString('en')}`,
    'event-loop delay: the larger of perf_hooks.monitorEventLoopDelay (1 ms resolution) and the longest gap between ticks of a 1 ms timer, on the request thread',
    '',
    '| engine | queries | requests | p50 | p99 | max | max event-loop delay | reports submitted meanwhile: p50 / p99 / max |',
    '|---|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of runs) {
    const s = r.submissions;
    r.groups.forEach((g, i) => {
      const submitted = i === 0 ? `${s.n}: ${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}` : '〃';
      lines.push(
        `| ${name[r.engine]} | ${g.label} (${g.shapes} shapes) | ${g.latency.n} | ${ms(g.latency.p50)} | ${ms(g.latency.p99)} | ${ms(g.latency.max)} | ${ms(g.loopMax)} | ${submitted} |`,
      );
    });
  }
  lines.push('');
  const quiet = runs.find((r) => r.engine === 'index')?.quietLoopMax;
  if (quiet !== undefined) {
    lines.push(
      `max event-loop delay with the same reports arriving and no statistics query (10 s): ${ms(quiet)}`,
    );
  }
  for (const r of runs) {
    lines.push(
      `${name[r.engine]}: first answer ${ms(r.firstAnswerMs)} after start${r.engine === 'index' ? ' (the worker loads every report)' : ''}; max event-loop delay meanwhile ${ms(r.firstAnswerLoopMax)}`,
    );
  }
  const index = runs.find((r) => r.engine === 'index');
  const three = index?.groups[0];
  const sql = runs.find((r) => r.engine === 'sql')?.groups[0];
  if (index && three) {
    const worstLoop = Math.max(...index.groups.map((g) => g.loopMax));
    lines.push(
      `target three-fact p99 < ${P99_TARGET_MS} ms: ${three.latency.p99 < P99_TARGET_MS ? 'met' : 'NOT met'} (${ms(three.latency.p99)}); event loop never blocked > ${LOOP_TARGET_MS} ms: ${worstLoop < LOOP_TARGET_MS ? 'met' : 'NOT met'} (${ms(worstLoop)})`,
    );
    if (sql) {
      lines.push(
        `SQL/in-memory p50 on three facts: ${(sql.latency.p50 / three.latency.p50).toFixed(0)}×`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      reports: { type: 'string', default: '1000000' },
      rounds: { type: 'string', default: '2' },
      'skip-sql': { type: 'boolean', default: false },
    },
  });
  const source = await prepare(values.db, Number(values.reports));
  const loadAtStart = os.loadavg()[0] ?? 0;
  const { reports } = syntheticState(source);
  const now = currentPeruMonth(new Date());
  const three = threeFactQueries(now, false);
  const groups: QueryGroup[] = [
    { label: 'three facts', queries: three },
    { label: 'by month and two or three facts', queries: threeFactQueries(now, true) },
  ];
  const templates = await submissions(source, 200);
  const rounds = Number(values.rounds);
  const runs = [
    await run(source, 'index', groups, { rounds, warmUp: true, quietMs: 10_000, templates }),
  ];
  if (!values['skip-sql']) {
    const sqlGroups = [{ label: 'three facts', queries: SQL_SHAPES }];
    runs.push(
      await run(source, 'sql', sqlGroups, { rounds: 1, warmUp: false, quietMs: 0, templates }),
    );
  }
  const handle = createDb(source);
  const held = (
    handle.sqlite
      .prepare('select count(*) as n from report_boxes where recipient_id = ?')
      .get(BENCH_ORGS[0].id) as { n: number }
  ).n;
  handle.close();
  process.stdout.write(`${report(runs, reports, held, [loadAtStart, os.loadavg()[0] ?? 0])}\n`);
}

if (process.argv[1]?.endsWith('bench-stats.ts'))
  main().catch((err: unknown) => {
    process.stderr.write(`bench:stats: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
