// Starts the service: reads the config, opens the database, listens, and shuts down cleanly.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCheckpointer } from '../db/checkpointer.ts';
import { createDb } from '../db/client.ts';
import { privateDataPaths, securePrivatePaths } from '../db/file-modes.ts';
import { listOrganisations } from '../db/repos/organisations-repo.ts';
import { isSyntheticDatabase } from '../db/repos/releases-repo.ts';
import { loadSodium } from '../src/crypto/sodium.ts';
import { ConfigError, loadConfig } from '../src/shared/config.ts';
import { utcDay } from '../src/shared/months.ts';
import { buildApp } from './app.ts';
import { VERSION } from './http/version.ts';
import { issueReleaseToken } from './services/public/release-token.ts';
import { loadOrCreateOprfKey, loadOrCreateTransportKey } from './services/reporter/server-keys.ts';
import {
  keyFilePath,
  readDemoLogins,
  seedDemoOrganisations,
} from './services/workspace/demo-orgs.ts';

const WEB_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

// SIGTERM and SIGINT are caught from the first line, not only once the server is up: a stop
// that arrives while it starts (systemd, a test) must still end in an orderly exit, not in the
// signal's default action part-way through opening the database.
let stopping: string | null = null;
let onStop: ((signal: string) => void) | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (onStop) return onStop(signal);
    if (stopping) return;
    stopping = signal;
    process.stdout.write(`Stopped by ${signal} while starting; shutting down\n`);
    process.exit(0);
  });
}

async function main(): Promise<void> {
  process.stdout.write(`Voz Segura ${VERSION} starting…\n`);
  // Everything this process creates (database, WAL, keys, logs it may write) is for its own
  // user only, whatever umask it was started with.
  process.umask(0o077);
  const config = loadConfig();
  const onDisk = config.databasePath !== ':memory:';
  const handle = createDb(config.databasePath, {
    synchronous: config.sqliteSynchronous,
    backgroundCheckpoints: onDisk,
    // Another process holding the write lock (a restore, say) gets the reports a 503 and a
    // retry after 250 ms, instead of freezing the server for seconds.
    busyTimeoutMs: 250,
  });
  for (const warning of securePrivatePaths(
    privateDataPaths(config.dataDir, config.keysDir, config.databasePath),
  ))
    process.stdout.write(`WARNING: ${warning}\n`);
  const checkpointer = onDisk ? startCheckpointer(config.databasePath) : null;
  const created = config.seedDemo
    ? await seedDemoOrganisations(handle.db, config.keysDir, new Date())
    : [];

  const sodium = await loadSodium();
  const transportKey = loadOrCreateTransportKey(sodium, config.keysDir);
  const oprfKey = loadOrCreateOprfKey(sodium, config.keysDir);
  const app = await buildApp(
    { ...config, scheduleSnapshots: true },
    {
      db: handle,
      transportKey,
      oprfKey,
      webRoot: WEB_ROOT,
      onContentRemoved: () => checkpointer?.scrub(),
      logger: {
        level: config.logLevel,
        // process.stdout writes synchronously to a pipe or file on Linux; pino's own default
        // (an asynchronous sonic-boom) lost its buffered lines at process.exit(), now and then
        // every line, 'shutting down' included.
        stream: process.stdout,
        // No host name or pid, and no time finer than a day in any log line.
        base: null,
        timestamp: () => `,"day":"${utcDay(new Date())}"`,
        // Requests are not logged at all; errors carry only method and route.
        serializers: { req: () => ({}), res: () => ({}) },
      },
    },
  );

  const address = await app.listen({ port: config.port, host: config.host });
  // Loaded now, so the first sign-in does not wait for a password worker to start.
  app.passwords.start();
  const shown = address.replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    'Voz Segura is running.',
    `  Form:          ${shown}/`,
    `  Dashboard:     ${shown}/estadisticas`,
    `  Workspace:     ${shown}/equipo/`,
    `  Follow-up:     ${shown}/seguimiento/`,
    `  API docs:      ${shown}/docs`,
    `  Statistics:    ${shown}/api/stats?by=perpetrator,region`,
    `  Database:      ${config.databasePath}${isSyntheticDatabase(handle.db) ? ' (SYNTHETIC DATA)' : ''}`,
  ];
  const orgs = listOrganisations(handle.db).filter((o) => o.synthetic);
  if (config.seedDemo) {
    // Demo only: a fresh token at every start for the fictional advocacy organisation, so the
    // release flow can be tried. Real organisations get theirs from an administrator.
    for (const o of orgs.filter((org) => org.role === 'advocacy')) {
      const token = issueReleaseToken(app.sodium, handle.db, o.id, new Date());
      lines.push(`  Release token (DEMO ONLY, replaced at each start) for ${o.id}: ${token}`);
    }
  }
  if (orgs.length) {
    lines.push('  Demo organisations (fictional; synthetic data only). Recovery keys:');
    for (const o of orgs)
      lines.push(`    ${o.id} (${o.role}): ${keyFilePath(config.keysDir, o.id)}`);
    if (created.length) lines.push('    (created just now: keep these files private)');
    lines.push('  DEMO-ONLY workspace logins (never use demo organisations for real reports):');
    for (const l of readDemoLogins(
      config.keysDir,
      orgs.map((o) => o.id),
    )) {
      lines.push(
        `    ${l.orgId}: e-mail ${l.email}  password ${l.password}  key passphrase ${l.passphrase}`,
      );
    }
    lines.push(
      `  Read reports:  npm run reports:open -- --org ${orgs[0]?.id} --key ${keyFilePath(config.keysDir, orgs[0]?.id ?? '')}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Shutdown always ends: a worker thread caught while still loading its modules can leave
    // terminate() waiting forever (seen with Node 20 and tsx), so after this long the process
    // exits anyway. Every report that was acknowledged is already committed.
    setTimeout(() => {
      app.log.warn('shutdown took too long; exiting');
      process.exit(1);
    }, config.timeouts.shutdownMs).unref();
    app
      .close()
      .then(() => checkpointer?.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  onStop = shutdown;
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `Voz Segura could not start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  }
  process.exit(1);
});
