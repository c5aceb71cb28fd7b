// Sign-in flood: how long reporters wait while clients flood POST /api/staff/login with new
// e-mails (each attempt costs an Argon2id check). The real server runs pinned to core 0 and the
// load to core 1, so the flood cannot simply take a second core from the server. A probe asks
// the reporter routes (GET /api/recipients and GET /api/pow) one request after another and
// times each answer, first with no flood, then during each flood, in the same run.
//
// Floods, each sending as fast as the server answers:
//   - 8 clients from one address: the per-client limit lets 20 attempts through, then 429;
//   - 8 clients, each from its own address (X-Forwarded-For from a trusted proxy): the
//     per-client limit applies to each, so for the first minutes every attempt is checked;
//   - 64 connections, every attempt from an address never seen before (a large botnet): only
//     the password pool's bound stands in the way (503 past it).
//
// Usage: npm run bench:login [-- --duration 10 --server-root <another checkout>]
// With --server-root the server comes from another checkout (to measure an older version with
// the same load); the load and the probe are always this one's.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { removeDir, startServer } from '../tests/helpers/server.ts';
import { LOAD_CPU, pinThisProcess, SERVER_CPU } from './bench-pinning.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SENDERS = 8;
const BOTNET_CONNECTIONS = 64;
/** Pause between probe requests: a steady trickle of reporters, not a load of its own. */
const PROBE_GAP_MS = 5;
const TARGET_P99_MS = 100;
const PROBED = ['/api/recipients', '/api/pow'] as const;

const FLOODS = {
  'one-address': `${SENDERS} clients, one address`,
  'own-address': `${SENDERS} clients, own addresses`,
  botnet: `${BOTNET_CONNECTIONS} conns, new addresses`,
} as const;
type FloodKind = keyof typeof FLOODS;
type FloodResult = { statuses: Record<string, number>; seconds: number; errors: number };
type Summary = { n: number; p50: number; p99: number; max: number; failed: number };

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
    'server-root': { type: 'string' },
    // Internal: run one flood in this process and print its result as JSON.
    flood: { type: 'string' },
    url: { type: 'string' },
  },
});
const DURATION_S = Number(args.duration);

let attempt = 0;
function signInBody(): string {
  attempt++;
  return JSON.stringify({
    email: `flood-${process.pid}-${attempt}@bench.example`,
    password: `not the password ${attempt}`,
  });
}

/** An address in 198.18.0.0/15, the range set aside for benchmarks. */
function benchAddress(n: number): string {
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 0xff}.${n & 0xff}`;
}

/** One flood, in its own process so that its work never delays the probe's timers. */
async function flood(url: string, kind: FloodKind): Promise<FloodResult> {
  const started = performance.now();
  const common = {
    url,
    duration: DURATION_S,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
  };
  const fixed = (address: string, connections: number): Promise<autocannon.Result> =>
    autocannon({
      ...common,
      connections,
      requests: [
        {
          path: '/api/staff/login',
          headers: { ...common.headers, 'x-forwarded-for': address },
          setupRequest: (req) => ({ ...req, body: signInBody() }),
        },
      ],
    });
  let runs: autocannon.Result[];
  if (kind === 'one-address') runs = [await fixed(benchAddress(1), SENDERS)];
  else if (kind === 'own-address') {
    // One run per sender: autocannon keeps nothing per connection that could name it.
    runs = await Promise.all(
      Array.from({ length: SENDERS }, (_, i) => fixed(benchAddress(100 + i), 1)),
    );
  } else {
    let next = 1_000;
    runs = [
      await autocannon({
        ...common,
        connections: BOTNET_CONNECTIONS,
        requests: [
          {
            path: '/api/staff/login',
            setupRequest: (req) => ({
              ...req,
              headers: { ...common.headers, 'x-forwarded-for': benchAddress(next++ % 131_072) },
              body: signInBody(),
            }),
          },
        ],
      }),
    ];
  }
  const statuses: Record<string, number> = {};
  let errors = 0;
  for (const run of runs) {
    errors += run.errors + run.timeouts;
    for (const [code, stat] of Object.entries(
      run.statusCodeStats as Record<string, { count: number }>,
    )) {
      statuses[code] = (statuses[code] ?? 0) + Number(stat.count);
    }
  }
  return { statuses, seconds: (performance.now() - started) / 1000, errors };
}

function summarise(samples: number[], failed: number): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { n: sorted.length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? 0, failed };
}

/** Asks the reporter routes in turn, one at a time, until `until` resolves. */
async function probe(url: string, until: Promise<unknown>): Promise<Record<string, Summary>> {
  let stop = false;
  void until.finally(() => {
    stop = true;
  });
  const samples: Record<string, number[]> = Object.fromEntries(PROBED.map((p) => [p, []]));
  const failed: Record<string, number> = Object.fromEntries(PROBED.map((p) => [p, 0]));
  for (let i = 0; !stop; i++) {
    const route = PROBED[i % PROBED.length] as string;
    const started = performance.now();
    const res = await fetch(`${url}${route}`);
    await res.arrayBuffer();
    const ms = performance.now() - started;
    // A refusal (503 while shedding load) is not a reporter served.
    if (res.status === 200) samples[route]?.push(ms);
    else failed[route] = (failed[route] ?? 0) + 1;
    await new Promise((resolve) => setTimeout(resolve, PROBE_GAP_MS));
  }
  return Object.fromEntries(PROBED.map((p) => [p, summarise(samples[p] ?? [], failed[p] ?? 0)]));
}

function runFlood(url: string, kind: FloodKind): Promise<FloodResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--flood',
        kind,
        '--url',
        url,
        '--duration',
        String(DURATION_S),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`flood ${kind} exited with ${code}`));
      else resolve(JSON.parse(out) as FloodResult);
    });
  });
}

function floodSummary(f: FloodResult): string {
  const codes = Object.entries(f.statuses).map(([code, n]) => `${code}: ${n}`);
  const total = Object.values(f.statuses).reduce((a, b) => a + b, 0);
  const errors = f.errors ? `, ${f.errors} errors` : '';
  return `${codes.join(', ')} (${(total / f.seconds).toFixed(0)}/s)${errors}`;
}

const ms = (v: number): string => (v < 10 ? v.toFixed(1) : v.toFixed(0)).padStart(6);

async function main(): Promise<void> {
  const pinned = pinThisProcess(LOAD_CPU);
  const serverRoot = args['server-root'] ? path.resolve(args['server-root']) : ROOT;
  process.stdout.write(
    `bench: sign-in floods with new e-mails, ${DURATION_S} s per phase; server on core ${SERVER_CPU}, load and probe ${pinned ? `on core ${LOAD_CPU}` : 'NOT pinned (no taskset)'}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}${serverRoot === ROOT ? '' : `; server from ${serverRoot}`}\n`,
  );
  const server = await startServer(
    {
      LOG_LEVEL: 'warn',
      // The probe asks far more often than one person would; the floods are not lifted.
      RATE_LIMIT_READS: '100000000',
      POW_SURGE_PER_MINUTE: '100000000',
      // The floods' senders are told apart by X-Forwarded-For, as behind the usual proxy.
      TRUST_PROXY: 'loopback',
    },
    {
      cpus: pinned ? SERVER_CPU : undefined,
      script: path.join(serverRoot, 'api', 'server.ts'),
      loadShedding: 'defaults',
    },
  );
  try {
    // Until the first sign-in is answered the password worker may still be loading.
    await fetch(`${server.url}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.19.255.255' },
      body: JSON.stringify({ email: 'warm-up@bench.example', password: 'warm-up' }),
    });
    const phases: Array<{ label: string; probe: Record<string, Summary>; flood?: FloodResult }> =
      [];
    const quiet = new Promise((resolve) => setTimeout(resolve, DURATION_S * 1000));
    phases.push({ label: 'no flood', probe: await probe(server.url, quiet) });
    for (const [kind, label] of Object.entries(FLOODS) as Array<[FloodKind, string]>) {
      const running = runFlood(server.url, kind);
      const measured = await probe(server.url, running);
      phases.push({ label, probe: measured, flood: await running });
    }

    process.stdout.write(
      `${'phase'.padEnd(28)} ${'route'.padEnd(16)} ${'n'.padStart(6)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'max'.padStart(6)} ms  refused   sign-ins answered (per s)\n`,
    );
    for (const phase of phases) {
      const answered = phase.flood ? floodSummary(phase.flood) : '';
      for (const [i, route] of PROBED.entries()) {
        const s = phase.probe[route] as Summary;
        process.stdout.write(
          `${(i === 0 ? phase.label : '').padEnd(28)} ${route.padEnd(16)} ${String(s.n).padStart(6)} ${ms(s.p50)} ${ms(s.p99)} ${ms(s.max)}     ${String(s.failed).padStart(7)}   ${i === 0 ? answered : ''}\n`,
        );
      }
    }
    const base = phases[0]?.probe['/api/recipients'] as Summary;
    let worst = 0;
    let refused = 0;
    for (const phase of phases.slice(1)) {
      const s = phase.probe['/api/recipients'] as Summary;
      worst = Math.max(worst, ...PROBED.map((r) => (phase.probe[r] as Summary).p99));
      refused += PROBED.reduce((n, r) => n + (phase.probe[r] as Summary).failed, 0);
      process.stdout.write(
        `GET /api/recipients p99, ${phase.label} / no flood: ${(s.p99 / base.p99).toFixed(1)}x (p50 ${(s.p50 / base.p50).toFixed(1)}x)\n`,
      );
    }
    // A reporter refused (503 while load is shed) was not served at all, however fast.
    const met = worst < TARGET_P99_MS && refused === 0;
    process.stdout.write(
      `login flood: worst reporter p99 ${worst.toFixed(1)} ms, ${refused} reporter requests refused (target p99 < ${TARGET_P99_MS} ms, none refused: ${met ? 'met' : 'NOT met'})\n`,
    );
  } finally {
    await server.stop();
    removeDir(server.dataDir);
  }
}

if (args.flood) {
  flood(args.url ?? '', args.flood as FloodKind).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (err: unknown) => {
      process.stderr.write(`flood failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
