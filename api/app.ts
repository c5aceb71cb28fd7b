// buildApp(config, deps) assembles the service and never listens: tests inject requests, and
// server.ts owns the port, the logger and shutdown.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/client.ts';
import { randomKey } from '../src/crypto/oprf.ts';
import { generateKeyPair, loadSodium, type Sodium } from '../src/crypto/sodium.ts';
import { type Config, DEFAULT_TIMEOUTS } from '../src/shared/config.ts';
import { REPORT_BODY_LIMIT, SMALL_BODY_LIMIT } from './guards/body-limits.ts';
import { PowGuard } from './guards/pow-guard.ts';
import { ApiError, errorBody, rawClientError, registerErrorHandling } from './http/errors.ts';
import { NOT_FOUND_PAGE } from './http/not-found-page.ts';
import { dbPlugin } from './plugins/db.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { orgStatsEnginePlugin } from './plugins/org-stats-engine.ts';
import { passwordPoolPlugin } from './plugins/password-pool.ts';
import { protectionPlugin } from './plugins/protection.ts';
import { buildSecurityHeaders, securityHeadersPlugin } from './plugins/security-headers.ts';
import { snapshotSchedulePlugin } from './plugins/snapshot-schedule.ts';
import { staffSessionPlugin } from './plugins/staff-session.ts';
import { pagesRoutes } from './routes/public/pages.ts';
import { releasesRoutes } from './routes/public/releases.ts';
import { statsRoutes } from './routes/public/stats.ts';
import { followUpRoutes } from './routes/reporter/follow-up.ts';
import { matchRoutes } from './routes/reporter/match.ts';
import { powRoutes } from './routes/reporter/pow.ts';
import { recipientsRoutes } from './routes/reporter/recipients.ts';
import { reportsRoutes } from './routes/reporter/reports.ts';
import { sealedReportsRoutes } from './routes/reporter/sealed-reports.ts';
import { inboxRoutes } from './routes/workspace/inbox.ts';
import { orgStatsRoutes } from './routes/workspace/org-stats.ts';
import { staffAdminRoutes } from './routes/workspace/staff-admin.ts';
import { staffAuthRoutes } from './routes/workspace/staff-auth.ts';
import { PublicStats } from './services/public/public-stats.ts';
import {
  DEFAULT_SNAPSHOT_SETTINGS,
  type SnapshotSettings,
} from './services/public/stats-snapshot.ts';
import type { KeyPair } from './services/reporter/server-keys.ts';
import type { OrgStatsEngineKind } from './services/workspace/org-stats-engine.ts';
import { PasswordPool } from './services/workspace/password-pool.ts';

export function snapshotSettings(config: AppConfig): SnapshotSettings {
  return {
    rho: config.statsRho ?? DEFAULT_SNAPSHOT_SETTINGS.rho,
    period: config.statsPeriod ?? DEFAULT_SNAPSHOT_SETTINGS.period,
    delayDays: config.snapshotDelayDays ?? DEFAULT_SNAPSHOT_SETTINGS.delayDays,
  };
}

export type AppConfig = Pick<
  Config,
  | 'statsK'
  | 'powDifficulty'
  | 'powSurgePerMinute'
  | 'rateLimitReports'
  | 'rateLimitReads'
  | 'rateLimitSignIns'
  | 'passwordWorkers'
  | 'passwordQueue'
  | 'maxEventLoopDelayMs'
  | 'maxQueueMs'
  | 'maxCommitMs'
  | 'hsts'
> &
  Partial<
    Pick<
      Config,
      'secureCookies' | 'trustProxy' | 'statsRho' | 'statsPeriod' | 'snapshotDelayDays' | 'timeouts'
    > & {
      /** Publish due snapshots on a schedule (the server does; tests publish by hand). */
      scheduleSnapshots: boolean;
    }
  >;

export type AppDeps = {
  db: DbHandle;
  logger?: FastifyServerOptions['logger'];
  /** Built web assets; omitted in API tests. */
  webRoot?: string;
  clock?: () => Date;
  /** The key waiting (offline) reports are sealed to; a fresh one when omitted. */
  transportKey?: KeyPair;
  /** The oblivious PRF key for matching tags (server-keys.ts); a fresh one when omitted. */
  oprfKey?: Uint8Array;
  /**
   * Called after report content was deleted (a withdrawal), so the old copies in the WAL go too
   * (db/checkpointer.ts scrub). Nothing to do for an in-memory database.
   */
  onContentRemoved?: () => void;
  /** How staff statistics are counted; `sql` only to compare (api/services/workspace/org-stats-engine.ts). */
  orgStatsEngine?: OrgStatsEngineKind;
  /**
   * Where staff passwords are hashed and checked; a pool of `passwordWorkers` threads when
   * omitted. The app closes it either way.
   */
  passwords?: PasswordPool;
};

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    clock: () => Date;
    pow: PowGuard;
    sodium: Sodium;
    transportKey: KeyPair;
    oprfKey: Uint8Array;
    contentRemoved: () => void;
  }
}

// The largest body any route takes (a report); the default for routes is much smaller.
export const BODY_LIMIT = REPORT_BODY_LIMIT;

// How often Node looks for requests over their time. Its default, 30 s, would let a request
// with a 60 s limit run for 90; the check walks only connections mid-request, so it is cheap.
const TIMEOUT_CHECK_MS = 1_000;

export async function buildApp(config: AppConfig, deps: AppDeps): Promise<FastifyInstance> {
  const securityHeaders = buildSecurityHeaders({ hsts: config.hsts });
  const timeouts = config.timeouts ?? DEFAULT_TIMEOUTS;
  const app = Fastify({
    logger: deps.logger ?? false,
    // Time limits on every connection (src/shared/config.ts says how they were chosen). A request that
    // takes too long to arrive gets 408 from clientErrorHandler below and is closed; a silent
    // or idle connection is just closed.
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.connectionMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Requests that arrive while the server closes are answered below, in the error shape.
    return503OnClosing: false,
    // Not Fastify options: Node's, for the HTTP server Fastify creates.
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_MS,
    },
    // X-Forwarded-For is believed only from a configured proxy (TRUST_PROXY). The address is
    // used for nothing but the hashed rate-limit key: never stored, never logged.
    trustProxy: (config.trustProxy ?? false) as FastifyServerOptions['trustProxy'],
    // No per-request log lines: they would tie a time to each visit.
    logController: new LogController({ disableRequestLogging: true }),
    // Routes that take more (reports, sealed messages) say so themselves (api/guards/body-limits.ts).
    bodyLimit: SMALL_BODY_LIMIT,
    // A URL Fastify cannot route (bad percent-encoding, an over-long parameter) is refused before
    // any hook runs: answered here in the error shape, with the same headers as everything else.
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      // Typed for no particular route here; any JSON body may be sent.
      (reply as FastifyReply)
        .headers(securityHeaders)
        .code(status)
        .send(errorBody('invalid_url', 'The address of this request is not valid'));
    },
    // A request Node's HTTP parser refuses (a malformed request line, headers too large) never
    // reaches Fastify: answered here in the error shape with the same headers, and closed.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(rawClientError(error, securityHeaders));
      socket.destroy(error);
    },
  }).withTypeProvider<ZodTypeProvider>();
  // Only JSON is accepted. text/plain is what another site can make a browser send without a
  // preflight, so it must not reach the validator as a string.
  app.removeContentTypeParser('text/plain');

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  const clock = deps.clock ?? (() => new Date());
  app.decorate('clock', clock);
  const sodium = await loadSodium();
  app.decorate('sodium', sodium);
  app.decorate('pow', new PowGuard(sodium, config.powDifficulty, config.powSurgePerMinute, clock));
  app.decorate('transportKey', deps.transportKey ?? generateKeyPair(sodium));
  app.decorate('oprfKey', deps.oprfKey ?? randomKey(sodium));
  app.decorate('contentRemoved', deps.onContentRemoved ?? (() => {}));

  await app.register(securityHeadersPlugin, { headers: securityHeaders });

  // Once shutdown has begun, a request on a connection that is still open (keep-alive) gets the
  // documented error shape with Retry-After (Fastify's own 503 had neither), and the connection
  // is closed; the phone sends the report again to the next instance.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('Connection', 'close').header('Retry-After', '5');
    throw new ApiError(
      503,
      'shutting_down',
      'The service is restarting; try again in a few seconds',
    );
  });

  const webRoot = deps.webRoot && existsSync(deps.webRoot) ? deps.webRoot : undefined;
  // Only if the page was built: a missing one would send the not-found handler back to itself.
  registerErrorHandling(app, {
    pages: webRoot !== undefined && existsSync(path.join(webRoot, NOT_FOUND_PAGE)),
  });
  await registerOpenApi(app);
  await app.register(protectionPlugin, {
    maxEventLoopDelayMs: config.maxEventLoopDelayMs,
    maxQueueMs: config.maxQueueMs,
    maxCommitMs: config.maxCommitMs,
    now: clock,
    readUnitsPerMinute: config.rateLimitReads,
  });
  await app.register(dbPlugin, { handle: deps.db });
  await app.register(orgStatsEnginePlugin, { kind: deps.orgStatsEngine ?? 'index' });
  await app.register(passwordPoolPlugin, {
    pool:
      deps.passwords ??
      new PasswordPool({ size: config.passwordWorkers, queue: config.passwordQueue }),
  });
  await app.register(powRoutes);
  await app.register(recipientsRoutes);
  await app.register(reportsRoutes);
  await app.register(sealedReportsRoutes);
  // At the root, so the stats routes and releases share one cache of the newest snapshot.
  app.decorate('publicStats', new PublicStats(deps.db.sqlite));
  await app.register(statsRoutes);
  if (config.scheduleSnapshots) {
    await app.register(snapshotSchedulePlugin, { settings: snapshotSettings(config) });
  }
  await app.register(releasesRoutes);
  await app.register(followUpRoutes);
  await app.register(matchRoutes);
  // The organisation workspace, in its own scope: only these routes parse or set a cookie, so
  // reporter requests never pass through the cookie hooks.
  await app.register(async (workspace) => {
    await workspace.register(staffSessionPlugin, { secureCookies: config.secureCookies ?? false });
    await workspace.register(staffAuthRoutes);
    await workspace.register(staffAdminRoutes);
    await workspace.register(inboxRoutes);
    await workspace.register(orgStatsRoutes);
  });

  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      index: ['index.html'],
      preCompressed: true,
      // Routes only for files that exist at start: an unknown path gets the 404 page
      // (api/http/not-found-page.ts), not a disk search on every request.
      wildcard: false,
      // Hashed bundles may be cached; pages and the form may not.
      setHeaders: (res, filePath) => {
        res.header(
          'Cache-Control',
          // The file sent may be the precompressed copy (.br, .gz) of a hashed bundle.
          /\.[0-9A-Z]{8}\.(js|css|wasm)(\.br|\.gz)?$/i.test(filePath)
            ? 'public, max-age=31536000, immutable'
            : 'no-store',
        );
      },
    });
    await app.register(pagesRoutes);
  }
  return app;
}
