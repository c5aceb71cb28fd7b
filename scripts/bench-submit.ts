// Submission throughput: the durable path (validation, proof of work, a group-committed SQLite
// transaction before each answer) against a bare Fastify route that parses the same body,
// measured in the same run on the same machine, with each server's CPU time per answer. Prints
// the ratio as its last line.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Recipient, ReportSubmission } from '../src/contract/schemas.ts';
import { solve } from '../src/crypto/pow.ts';
import { loadSodium, type Sodium } from '../src/crypto/sodium.ts';
import { type RunningServer, removeDir, startServer } from '../tests/helpers/server.ts';
import { LOAD_CPU, pinningNote, pinThisProcess, SERVER_CPU } from './bench-pinning.ts';
import { cpuSeconds, machineTicks, peakRssMiB, percentile, threadSeconds } from './bench-proc.ts';
import { buildSyntheticSubmission, uuidV4 } from './synthetic-submission.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
// New reports per durable run: each is sent once, so every 201 is a stored report, not a retry.
const REPORTS = Number(process.env.BENCH_REPORTS ?? 30_000);
const CONNECTIONS = 50;
const POW_BITS = 8;
// Distinct sealed reports (facts and boxes) the payloads cycle through.
const TEMPLATES = 200;
// Bench settings: limits that would stop one client sending thousands of reports are lifted;
// proof of work stays on (8 bits, so the bench can pre-solve thousands of challenges).
const SUBMIT_ENV = {
  POW_DIFFICULTY: String(POW_BITS),
  POW_SURGE_PER_MINUTE: '100000000',
  RATE_LIMIT_REPORTS: '100000000',
  RATE_LIMIT_READS: '100000000',
  LOG_LEVEL: 'warn',
};

type Run = {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  shed: number;
  total: number;
  /** Server CPU time per acknowledged report, in microseconds. */
  cpuPerOk: number;
  /** p99 of the 201 answers alone, in ms. */
  answeredP99: number;
  /** 503 answers that carried Retry-After. */
  shedWithRetryAfter: number;
};

async function proofs(
  s: Sodium,
  url: string,
  count: number,
): Promise<Array<ReportSubmission['pow']>> {
  const out: Array<ReportSubmission['pow']> = [];
  for (let i = 0; i < count; i++) {
    const c = (await (await fetch(`${url}/api/pow`)).json()) as {
      challenge: string;
      difficulty: number;
    };
    out.push({ challenge: c.challenge, nonce: await solve(s, c.challenge, c.difficulty) });
  }
  return out;
}

/** Bodies with fresh ids and proofs around TEMPLATES real sealed reports. */
async function bodies(s: Sodium, server: RunningServer, count: number): Promise<string[]> {
  const { recipients } = (await (await fetch(`${server.url}/api/recipients`)).json()) as {
    recipients: Recipient[];
  };
  const templates = Array.from({ length: TEMPLATES }, (_, i) =>
    buildSyntheticSubmission(s, recipients, i),
  );
  const pows = await proofs(s, server.url, count);
  return pows.map((pow, i) => {
    const t = templates[i % templates.length] as ReportSubmission;
    return JSON.stringify({ ...t, id: uuidV4(s), pow });
  });
}

/**
 * Sends each payload once (`once`: the durable route, where a repeated id would be a cheap
 * retry, not a new report) or cycles through them for DURATION_S (the bare route, which keeps
 * nothing).
 */
async function load(
  label: string,
  server: RunningServer,
  payloads: string[],
  connections: number,
  mode: 'once' | 'timed',
): Promise<Run> {
  let next = 0;
  // The run is timed from building the first request (autocannon builds it as it opens the
  // connection, so set-up adds a few milliseconds) to the last answer received. autocannon's own
  // `duration` ends on its one-second tick after the last answer when it sends a fixed amount,
  // which understated a 10-second run by up to a tenth (30,000 reports read as 2,994/s or
  // 2,722/s, nothing in between).
  let first = 0;
  let last = 0;
  // Latency of the answered reports alone (autocannon's own figures mix in the 503s), and how
  // many refusals told the client when to come back.
  const answered: number[] = [];
  let shedWithRetryAfter = 0;
  const cpuBefore = cpuSeconds(server.pid);
  const threadsBefore = threadSeconds(server.pid);
  const benchBefore = process.cpuUsage();
  const machineBefore = machineTicks();
  const result = await autocannon({
    url: server.url,
    connections,
    ...(mode === 'once' ? { amount: payloads.length } : { duration: DURATION_S }),
    requests: [
      {
        method: 'POST',
        path: '/api/reports',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req, context) => {
          const at = performance.now();
          if (first === 0) first = at;
          // Each connection has one request in flight, built just before it is sent.
          (context as { sentAt?: number }).sentAt = at;
          return { ...req, body: payloads[next++ % payloads.length] };
        },
        onResponse: (status, _body, context, headers) => {
          last = performance.now();
          const sentAt = (context as { sentAt?: number }).sentAt ?? last;
          if (status === 201) answered.push(last - sentAt);
          if (status === 503 && headers?.['retry-after']) shedWithRetryAfter++;
        },
      },
    ],
  });
  const seconds = (last - first) / 1000;
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  if (process.env.BENCH_THREADS) {
    // Which threads of the server spent the CPU (BENCH_THREADS=1).
    const spent = [...threadSeconds(server.pid)]
      .map(([t, sec]) => [t, sec - (threadsBefore.get(t) ?? 0)] as const)
      .filter(([, sec]) => sec >= 0.05)
      .sort((a, b) => b[1] - a[1])
      .map(([t, sec]) => `${t} ${sec.toFixed(2)} s`);
    process.stdout.write(`${''.padEnd(44)} server threads: ${spent.join(', ')}\n`);
  }
  const bench = process.cpuUsage(benchBefore);
  const machineAfter = machineTicks();
  const cores = os.cpus().length;
  const busyShare =
    (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
  const codes = result.statusCodeStats as Record<string, { count: number }>;
  if (process.env.BENCH_DEBUG)
    process.stdout.write(
      `${JSON.stringify(codes)} errors=${result.errors} timeouts=${result.timeouts}\n`,
    );
  const count = (code: string): number => Number(codes[code]?.count ?? 0);
  // Throughput counts acknowledged reports only: a shed request (503) is not a stored report.
  const run = {
    label,
    rps: seconds > 0 ? count('201') / seconds : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: count('201'),
    shed: count('503'),
    total: Object.values(codes).reduce((a, c) => a + Number(c.count), 0),
    cpuPerOk: 0,
    answeredP99: percentile(answered, 0.99),
    shedWithRetryAfter,
  };
  run.cpuPerOk = run.ok ? (cpu / run.ok) * 1e6 : 0;
  const shedShare = run.total ? ((run.shed / run.total) * 100).toFixed(1) : '0.0';
  process.stdout.write(
    `${label.padEnd(44)} ${run.rps.toFixed(0).padStart(6)} 201/s   p50 ${String(run.p50).padStart(4)} ms   p99 ${String(run.p99).padStart(4)} ms   201: ${run.ok}   503: ${shedShare}%   server CPU ${run.cpuPerOk.toFixed(0)} µs/201\n`,
  );
  if (run.shed > 0)
    process.stdout.write(
      `${''.padEnd(44)} answered reports alone: p99 ${run.answeredP99.toFixed(0)} ms; refused ${run.shed}, ${run.shedWithRetryAfter} of them with Retry-After\n`,
    );
  process.stdout.write(
    `${''.padEnd(44)} load generator CPU ${((bench.user + bench.system) / Math.max(run.total, 1)).toFixed(0)} µs/request   machine busy ${(busyShare * cores).toFixed(2)} of ${cores} cores\n`,
  );
  return run;
}

let serverCpus: string | undefined;

async function submitServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  // BENCH_PROF=dir writes a V8 CPU profile of the durable server to dir when it stops.
  const nodeArgs = process.env.BENCH_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROF)}`]
    : [];
  return startServer(
    { ...SUBMIT_ENV, ...extraEnv },
    { cpus: serverCpus, nodeArgs, loadShedding: 'defaults' },
  );
}

async function main(): Promise<void> {
  const pinned = pinThisProcess(LOAD_CPU);
  serverCpus = pinned ? SERVER_CPU : undefined;
  const s = await loadSodium();
  process.stdout.write(
    `bench: submissions, ${REPORTS} new reports per durable run, bare route ${DURATION_S} s per run; ${pinningNote(pinned)}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(2)}\n`,
  );
  const durable = await submitServer();
  const bareServer = await startServer(
    {},
    { script: path.join(ROOT, 'scripts', 'bench-bare-server.ts'), cpus: serverCpus },
  );
  try {
    const expected = REPORTS;
    process.stdout.write(
      `bench: preparing ${expected} sealed reports with solved ${POW_BITS}-bit proofs…\n`,
    );
    const payloads = await bodies(s, durable, expected);
    /** The durable path and the bare route at one number of connections, on the same reports. */
    const bothAt = async (connections: number, reports: string[], mode = '', times = '') => ({
      submit: await load(
        `POST /api/reports${mode}, ${connections}c${times}`,
        durable,
        reports,
        connections,
        'once',
      ),
      bare: await load(
        `bare Fastify 201 route, ${connections}c${times}`,
        bareServer,
        reports,
        connections,
        'timed',
      ),
    });
    const { submit: submit50, bare: bare50 } = await bothAt(
      CONNECTIONS,
      payloads,
      ' (synchronous=NORMAL)',
    );
    const fresh = await bodies(s, durable, expected);
    const { submit: submit500, bare: bare500 } = await bothAt(
      CONNECTIONS * 10,
      fresh,
      '',
      ' (10x)',
    );
    process.stdout.write(
      `peak RSS: submit server ${peakRssMiB(durable.pid).toFixed(1)} MiB, bare server ${peakRssMiB(bareServer.pid).toFixed(1)} MiB\n`,
    );
    await durable.stop();
    removeDir(durable.dataDir);

    const full = await submitServer({ SQLITE_SYNCHRONOUS: 'FULL' });
    const fullPayloads = await bodies(s, full, expected);
    const submitFull = await load(
      `POST /api/reports (synchronous=FULL), ${CONNECTIONS}c`,
      full,
      fullPayloads,
      CONNECTIONS,
      'once',
    );
    await full.stop();
    removeDir(full.dataDir);

    process.stdout.write(
      `server CPU per acknowledged request at ${CONNECTIONS}c: submit ${submit50.cpuPerOk.toFixed(0)} µs, bare ${bare50.cpuPerOk.toFixed(0)} µs (${(submit50.cpuPerOk / bare50.cpuPerOk).toFixed(1)}x)\n`,
    );
    process.stdout.write(
      `10x concurrency: submit/bare ratio ${(submit500.rps / bare500.rps).toFixed(2)}\n`,
    );
    process.stdout.write(
      `10x concurrency: answered reports p99 ${submit500.answeredP99.toFixed(0)} ms, ${submit500.shed} refused (${submit500.shedWithRetryAfter} with Retry-After), ${submit500.total - submit500.ok - submit500.shed} other answers\n`,
    );
    process.stdout.write(
      `synchronous=FULL/NORMAL throughput ratio: ${(submitFull.rps / submit50.rps).toFixed(2)}\n`,
    );
    process.stdout.write(`submit/bare ratio: ${(submit50.rps / bare50.rps).toFixed(2)}\n`);
  } finally {
    await bareServer.stop();
    await durable.stop();
    removeDir(durable.dataDir);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
