// Builds the app on a fresh (by default in-memory) database with two organisations whose keys the test holds.
import type { FastifyInstance } from 'fastify';
import { type AppConfig, buildApp, RELAXED_APP_CONFIG } from '../../api/app.ts';
import type { PasswordPool } from '../../api/services/password-pool.ts';
import { createDb, type DbHandle } from '../../db/client.ts';
import { insertOrganisation } from '../../db/organisations-repo.ts';
import { generateKeyPair, loadSodium } from '../../src/crypto.ts';
import type { OrgRole } from '../../src/vocabulary.ts';

export type TestOrg = { id: string; role: OrgRole; publicKey: Uint8Array; secretKey: Uint8Array };
export type TestApp = {
  app: FastifyInstance;
  handle: DbHandle;
  orgs: { advocacy: TestOrg; legal: TestOrg };
};

export async function buildTestApp(
  opts: {
    statsK?: number;
    clock?: () => Date;
    secureCookies?: boolean;
    config?: Partial<AppConfig>;
    /** Serve the built pages (web/dist) too. */
    webRoot?: string;
    /** A database file instead of memory, opened with this lock wait (as the server does). */
    dbFile?: { path: string; busyTimeoutMs: number };
    /** Where the app's log lines go (none by default). */
    logLines?: string[];
    /** Where passwords are checked (tests/helpers/held-passwords.ts); a fresh pool if omitted. */
    passwords?: PasswordPool;
  } = {},
): Promise<TestApp> {
  const sodium = await loadSodium();
  const handle = opts.dbFile
    ? createDb(opts.dbFile.path, { busyTimeoutMs: opts.dbFile.busyTimeoutMs })
    : createDb(':memory:');
  const make = (id: string, role: OrgRole): TestOrg => {
    const pair = generateKeyPair(sodium);
    insertOrganisation(handle.db, {
      id,
      name: `${id} (ficticia)`,
      role,
      publicKey: Buffer.from(pair.publicKey),
      synthetic: true,
      createdDay: '2026-01-01',
    });
    return { id, role, ...pair };
  };
  const orgs = {
    advocacy: make('test-advocacy', 'advocacy'),
    legal: make('test-legal', 'legal_aid'),
  };
  const app = await buildApp(
    {
      ...RELAXED_APP_CONFIG,
      statsK: opts.statsK ?? 5,
      secureCookies: opts.secureCookies ?? false,
      ...opts.config,
    },
    {
      db: handle,
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.webRoot ? { webRoot: opts.webRoot } : {}),
      ...(opts.logLines
        ? {
            logger: {
              level: 'info',
              stream: { write: (line: string) => void opts.logLines?.push(line) },
            },
          }
        : {}),
      ...(opts.passwords ? { passwords: opts.passwords } : {}),
    },
  );
  await app.ready();
  return { app, handle, orgs };
}
