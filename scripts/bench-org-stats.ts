// Times GET /api/org/stats (exact figures for signed-in staff) through the whole app with
// app.inject, one engine at a time (api/services/workspace/org-stats-engine.ts), while a steady trickle
// of reports is submitted, and watches the request thread's event-loop delay meanwhile.
// Used by scripts/bench-stats.ts.
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.ts';
import type { OrgStatsEngineKind } from '../api/services/workspace/org-stats-engine.ts';
import { startCheckpointer } from '../db/checkpointer.ts';
import { createDb } from '../db/client.ts';
import type { ReportSubmission } from '../src/contract/schemas.ts';
import { monthFromIndex, monthIndex } from '../src/shared/months.ts';
import {
  FILTER_DIMENSIONS,
  FIXED_DIMENSIONS,
  type FixedDimension,
} from '../src/statistics/tables.ts';
import { BENCH_ANALYST } from './bench-org-fixture.ts';
import { RELAXED_APP_CONFIG } from './relaxed-app-config.ts';

export type Summary = { n: number; p50: number; p99: number; max: number };
export type QueryGroup = { label: string; queries: readonly string[] };
export type GroupTiming = { label: string; shapes: number; latency: Summary; loopMax: number };
export type EngineRun = {
  engine: OrgStatsEngineKind;
  /** From building the app to the first answer (for the worker: loading every report). */
  firstAnswerMs: number;
  /** The event loop's worst delay while waiting for that first answer. */
  firstAnswerLoopMax: number;
  groups: GroupTiming[];
  /** The worst event-loop delay with reports arriving and no statistics query. */
  quietLoopMax: number;
  /** Reports submitted while the statistics queries ran. */
  submissions: Summary;
};

const FILTER_VALUES: Record<(typeof FILTER_DIMENSIONS)[number], string> = {
  region: '1501',
  perpetrator: 'police',
  violence: 'rape',
};

/**
 * Every query on three facts (three dimensions; two and a filter on a third fact; one and
 * filters on two others), each shape plain, over a 31-month period, or verified only, in turn.
 * With `withMonth`, tables by month and two facts, with and without a filter on a third: the
 * largest tables there are (a month is not counted as a fact; see docs/benchmarks.md).
 */
export function threeFactQueries(now: string, withMonth: boolean): string[] {
  const facts = Object.keys(FIXED_DIMENSIONS) as FixedDimension[];
  const shapes: string[] = [];
  const filter = (d: (typeof FILTER_DIMENSIONS)[number]): string => `${d}=${FILTER_VALUES[d]}`;
  facts.forEach((a, i) => {
    facts.slice(i + 1).forEach((b, j) => {
      if (withMonth) shapes.push(`by=month,${a},${b}`);
      else for (const c of facts.slice(i + j + 2)) shapes.push(`by=${a},${b},${c}`);
      for (const f of FILTER_DIMENSIONS) {
        if (f !== a && f !== b)
          shapes.push(`by=${withMonth ? 'month,' : ''}${a},${b}&${filter(f)}`);
      }
    });
    if (withMonth) return;
    const others = FILTER_DIMENSIONS.filter((f) => f !== a);
    others.forEach((f, k) => {
      for (const g of others.slice(k + 1)) shapes.push(`by=${a}&${filter(f)}&${filter(g)}`);
    });
  });
  const from = monthFromIndex(monthIndex(now) - 36);
  const to = monthFromIndex(monthIndex(now) - 6);
  const variants = ['', `&from=${from}&to=${to}`, '&verified=true'];
  return shapes.map((s, i) => `${s}${variants[i % variants.length]}`);
}

/**
 * The request thread's worst event-loop delay between start() and stop(): the larger of
 * perf_hooks' delay histogram and the longest gap between ticks of a 1 ms timer. (The
 * histogram alone misses a block that ends just before it is read: it records on its own tick.)
 */
function loopWatch(): { stop: () => number } {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let last = performance.now();
  let gap = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last - 1);
    last = now;
  }, 1);
  return {
    stop: () => {
      clearInterval(tick);
      gap = Math.max(gap, performance.now() - last - 1);
      histogram.disable();
      return Math.max(gap, histogram.max / 1e6);
    },
  };
}

export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { n: sorted.length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? 0 };
}

async function signInAnalyst(app: FastifyInstance): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/staff/login',
    payload: { email: BENCH_ANALYST.email, password: BENCH_ANALYST.password },
  });
  const cookie = res.cookies.find((c) => c.name === 'vs_staff');
  if (res.statusCode !== 200 || !cookie) throw new Error(`sign-in: ${res.statusCode} ${res.body}`);
  return `vs_staff=${cookie.value}`;
}

async function ask(app: FastifyInstance, cookie: string, query: string): Promise<number> {
  const started = performance.now();
  const res = await app.inject({
    method: 'GET',
    url: `/api/org/stats?${query}`,
    headers: { cookie },
  });
  const ms = performance.now() - started;
  if (res.statusCode !== 200)
    throw new Error(`${query}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return ms;
}

/** Submits reports one after another, a few milliseconds apart, until told to stop. */
function trickle(app: FastifyInstance, templates: readonly ReportSubmission[]) {
  let stopped = false;
  let next = 0;
  const latencies: number[] = [];
  const done = (async () => {
    while (!stopped) {
      const template = templates[next++ % templates.length] as ReportSubmission;
      // A fresh id around real sealed boxes: the server cannot tell, and a few templates do.
      const payload = { ...template, id: randomUUID() };
      const started = performance.now();
      const res = await app.inject({ method: 'POST', url: '/api/reports', payload });
      if (res.statusCode !== 201) throw new Error(`submission: ${res.statusCode} ${res.body}`);
      latencies.push(performance.now() - started);
      await sleep(10);
    }
  })();
  return {
    stop: async (): Promise<Summary> => {
      stopped = true;
      await done;
      return summarise(latencies);
    },
  };
}

/**
 * Times one engine on `file`: every group's queries `rounds` times, with reports arriving. With
 * `warmUp`, each query is asked once first, untimed, as a server that has run a while has.
 */
export async function timeEngine(
  file: string,
  engine: OrgStatsEngineKind,
  groups: readonly QueryGroup[],
  options: {
    rounds: number;
    warmUp: boolean;
    /** How long to watch the loop with reports arriving and no query, first. */
    quietMs: number;
    /** Sealed reports to submit (each again under new ids). */
    templates: readonly ReportSubmission[];
  },
): Promise<EngineRun> {
  const started = performance.now();
  // As the server opens a database file (api/server.ts): checkpoints in their own thread.
  const checkpointer = startCheckpointer(file);
  const app = await buildApp(
    { ...RELAXED_APP_CONFIG, statsK: 5 },
    {
      db: createDb(file, { backgroundCheckpoints: true, busyTimeoutMs: 250 }),
      orgStatsEngine: engine,
    },
  );
  await app.ready();
  // Signing in waits for the password worker to load (seconds under tsx), so it is left out.
  const cookie = await signInAnalyst(app);
  const first = groups[0]?.queries[0];
  if (!first) throw new Error('no queries');
  let watch = loopWatch();
  await ask(app, cookie, first);
  const firstAnswerMs = performance.now() - started;
  const firstAnswerLoopMax = watch.stop();
  try {
    if (options.warmUp) {
      for (const group of groups) for (const query of group.queries) await ask(app, cookie, query);
    }
    const submitting = trickle(app, options.templates);
    // The same trickle with no statistics query: what the rest of the service costs the loop.
    watch = loopWatch();
    await sleep(options.quietMs);
    const quietLoopMax = watch.stop();
    const timings: GroupTiming[] = [];
    for (const group of groups) {
      watch = loopWatch();
      const samples: number[] = [];
      for (let round = 0; round < options.rounds; round++) {
        for (const query of group.queries) samples.push(await ask(app, cookie, query));
      }
      timings.push({
        label: group.label,
        shapes: group.queries.length,
        latency: summarise(samples),
        loopMax: watch.stop(),
      });
    }
    const submissions = await submitting.stop();
    return {
      engine,
      firstAnswerMs,
      firstAnswerLoopMax,
      quietLoopMax,
      groups: timings,
      submissions,
    };
  } finally {
    await app.close();
    await checkpointer.stop();
  }
}
