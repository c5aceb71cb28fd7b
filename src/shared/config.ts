// The one place that reads the environment. Validated once at start; a bad value stops the
// service with a message that names the variable.
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as z from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

/**
 * How long a connection may take, in milliseconds (docs/operations.md, "Time limits"). Sized for
 * the largest body the service takes (a report, 720 KiB = 737,280 B: api/guards/body-limits.ts) sent
 * from a phone on Chrome's "Slow 3G" preset: 400 kbit/s (50,000 B/s) each way, and a 400 ms
 * round trip that DevTools applies as 2,000 ms (400 × 5); the sums use the 2,000 ms.
 *
 *   737,280 B of body + ~1 KB of headers at 50,000 B/s              14.8 s
 *   TCP slow start (10 segments, doubling each 2 s round trip)        +4 s
 *   from its first byte reaching the service to its last            ≈ 19 s
 *   connection and TLS set-up on the phone before that (3 trips)      +6 s   ≈ 25 s in all
 *
 * The form comes close to the limit only sealing for later for eight recipients with every field
 * full of characters JSON escapes (729,374 B, measured); a typical report is 3-6 KB, 0.1 s.
 */
export const DEFAULT_TIMEOUTS = {
  /**
   * The whole request, first byte to last: 3 times the worst case above (19 s), and the form's
   * own wait for an answer (60 s, web/src/pages/form/seal.ts), so the service never cuts off a
   * report the phone is still sending. A body trickled slower than this is refused with 408.
   */
  requestMs: 60_000,
  /** The request line and headers (about 1 KB, one packet): 10 round trips of Slow 3G. */
  headersMs: 20_000,
  /**
   * Silence in both directions, mid-request or while a slow phone reads an answer: 15 round
   * trips. No handler takes this long; a client that stops reading is let go.
   */
  connectionMs: 30_000,
  /**
   * An idle connection between requests. Longer than Caddy keeps an idle connection to the
   * service for reuse (2 minutes, its default; deploy/Caddyfile keeps it), so Caddy always
   * closes first and never sends a report down a connection the service has just closed (that
   * report would get a 502). With no proxy in front, 5-10 s is plenty.
   */
  keepAliveMs: 130_000,
  /**
   * From SIGTERM to exit at the latest. Requests under way get this long to finish; then every
   * connection is cut and the process exits, so a half-sent request cannot keep a service with
   * a closed listener alive (an outside run saw 70 s of refused connections). Below systemd's
   * TimeoutStopSec (30 s, deploy/voz-segura.service).
   */
  shutdownMs: 10_000,
} as const;

const millis = (fallback: number) =>
  z.coerce.number().int().min(1000).max(600_000).default(fallback);

const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_PATH: z.string().min(1).optional(),
  STATS_K: z.coerce.number().int().min(2).max(100).default(5),
  // Public statistics: zCDP ρ one report may spend through every snapshot, the period a snapshot
  // closes, and the days to wait after it closes (docs/statistics.md).
  STATS_RHO: z.coerce.number().min(0.01).max(10).default(1),
  STATS_PERIOD: z.enum(['month', 'quarter']).default('quarter'),
  SNAPSHOT_DELAY_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  POW_DIFFICULTY: z.coerce.number().int().min(0).max(24).default(16),
  POW_SURGE_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_REPORTS: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_READS: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_SIGN_INS: z.coerce.number().int().min(1).default(20),
  // Staff passwords are hashed and checked (Argon2id) in this many worker threads, with at most
  // PASSWORD_QUEUE more checks waiting; past that, sign-in answers 503
  // (api/services/workspace/password-pool.ts).
  PASSWORD_WORKERS: z.coerce.number().int().min(1).max(16).optional(),
  PASSWORD_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  MAX_QUEUE_MS: z.coerce.number().int().min(0).default(2000),
  MAX_COMMIT_MS: z.coerce.number().int().min(0).default(250),
  REQUEST_TIMEOUT_MS: millis(DEFAULT_TIMEOUTS.requestMs),
  HEADERS_TIMEOUT_MS: millis(DEFAULT_TIMEOUTS.headersMs),
  CONNECTION_TIMEOUT_MS: millis(DEFAULT_TIMEOUTS.connectionMs),
  KEEP_ALIVE_TIMEOUT_MS: millis(DEFAULT_TIMEOUTS.keepAliveMs),
  SHUTDOWN_TIMEOUT_MS: millis(DEFAULT_TIMEOUTS.shutdownMs),
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  HSTS: z.enum(['true', 'false']).default('false'),
  // Set when a reverse proxy terminates TLS: staff cookies then carry the Secure attribute.
  SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .refine(
      (v) => v === 'false' || /^[1-9]$/.test(v) || v.split(',').every(isProxyAddress),
      '`false`, a number of proxies (1-9), or proxy addresses separated by commas (an address, a CIDR range, or loopback, linklocal, uniquelocal)',
    ),
});

// The headers are part of the request: a longer wait for them would never be reached.
const CheckedEnvSchema = EnvSchema.refine((e) => e.HEADERS_TIMEOUT_MS <= e.REQUEST_TIMEOUT_MS, {
  path: ['HEADERS_TIMEOUT_MS'],
  message: 'must not be more than REQUEST_TIMEOUT_MS',
});

function isProxyAddress(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.trim().split('/');
  if (['loopback', 'linklocal', 'uniquelocal'].includes(address)) return bits === undefined;
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Which proxy may say whose request it is (X-Forwarded-For); false trusts no one. */
export type TrustProxy = false | number | string[];

function trustProxy(value: string): TrustProxy {
  if (value === 'false') return false;
  if (/^[1-9]$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}

/** Time limits on every connection, in milliseconds (DEFAULT_TIMEOUTS says why each). */
export type Timeouts = { [K in keyof typeof DEFAULT_TIMEOUTS]: number };

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databasePath: string;
  keysDir: string;
  statsK: number;
  /** ρ (zero-concentrated DP) one report may spend through every public snapshot. */
  statsRho: number;
  statsPeriod: 'month' | 'quarter';
  snapshotDelayDays: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  /** Leading zero bits asked of each submission; 0 turns proof of work off. */
  powDifficulty: number;
  powSurgePerMinute: number;
  /** Reports per client address per 10 minutes. */
  rateLimitReports: number;
  /** Reads per client address per minute. */
  rateLimitReads: number;
  /** Sign-in attempts (and password changes) per client address per 10 minutes. */
  rateLimitSignIns: number;
  /** Worker threads that hash and check staff passwords. */
  passwordWorkers: number;
  /** Password checks that may wait for a worker; more are refused with 503. */
  passwordQueue: number;
  maxEventLoopDelayMs: number;
  maxQueueMs: number;
  maxCommitMs: number;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  timeouts: Timeouts;
  /** Send Strict-Transport-Security: set it when a TLS-terminating proxy is in front. */
  hsts: boolean;
  secureCookies: boolean;
  /**
   * Behind a reverse proxy every request comes from the proxy's address, so all clients would
   * share one rate-limit budget. Trusting the proxy makes the client's address (from
   * X-Forwarded-For) the one that is hashed for rate limits; it is still never stored or logged.
   */
  trustProxy: TrustProxy;
};

/** One core is left to the request thread; the default stops at two, as sign-ins are rare. */
function defaultPasswordWorkers(): number {
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = CheckedEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databasePath:
      e.DATABASE_PATH === ':memory:'
        ? ':memory:'
        : path.resolve(e.DATABASE_PATH ?? path.join(dataDir, 'voz-segura.db')),
    keysDir: path.join(dataDir, 'keys'),
    statsK: e.STATS_K,
    statsRho: e.STATS_RHO,
    statsPeriod: e.STATS_PERIOD,
    snapshotDelayDays: e.SNAPSHOT_DELAY_DAYS,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO === 'true',
    powDifficulty: e.POW_DIFFICULTY,
    powSurgePerMinute: e.POW_SURGE_PER_MINUTE,
    rateLimitReports: e.RATE_LIMIT_REPORTS,
    rateLimitReads: e.RATE_LIMIT_READS,
    rateLimitSignIns: e.RATE_LIMIT_SIGN_INS,
    passwordWorkers: e.PASSWORD_WORKERS ?? defaultPasswordWorkers(),
    passwordQueue: e.PASSWORD_QUEUE,
    maxEventLoopDelayMs: e.MAX_EVENT_LOOP_DELAY_MS,
    maxQueueMs: e.MAX_QUEUE_MS,
    maxCommitMs: e.MAX_COMMIT_MS,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    timeouts: {
      requestMs: e.REQUEST_TIMEOUT_MS,
      headersMs: e.HEADERS_TIMEOUT_MS,
      connectionMs: e.CONNECTION_TIMEOUT_MS,
      keepAliveMs: e.KEEP_ALIVE_TIMEOUT_MS,
      shutdownMs: e.SHUTDOWN_TIMEOUT_MS,
    },
    hsts: e.HSTS === 'true',
    secureCookies: e.SECURE_COOKIES === 'true',
    trustProxy: trustProxy(e.TRUST_PROXY),
  };
}
