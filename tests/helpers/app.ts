// Builds the app on a fresh (by default in-memory) database with two organisations whose keys the test holds.
import type { FastifyInstance } from 'fastify';
import { type AppConfig, buildApp } from '../../api/app.ts';
import type { PasswordPool } from '../../api/services/workspace/password-pool.ts';
import { createDb, type DbHandle } from '../../db/client.ts';
import { insertOrganisation } from '../../db/repos/organisations-repo.ts';
import { RELAXED_APP_CONFIG } from '../../scripts/relaxed-app-config.ts';
import { generateKeyPair, loadSodium, type Sodium } from '../../src/crypto/sodium.ts';
import type { OrgRole } from '../../src/shared/vocabulary.ts';

export type TestOrg = { id: string; role: OrgRole; publicKey: Uint8Array; secretKey: Uint8Array };
export type TestApp = {
  app: FastifyInstance;
  handle: DbHandle;
  orgs: { advocacy: TestOrg; legal: TestOrg };
};

/** A fictional organisation with a fresh key pair, added to the database; the test holds its keys. */
export function addTestOrg(sodium: Sodium, handle: DbHandle, id: string, role: OrgRole): TestOrg {
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
}

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
    /** The matching key (a fresh one if omitted), for tests that compute tags themselves. */
    oprfKey?: Uint8Array;
  } = {},
): Promise<TestApp> {
  const sodium = await loadSodium();
  const handle = opts.dbFile
    ? createDb(opts.dbFile.path, { busyTimeoutMs: opts.dbFile.busyTimeoutMs })
    : createDb(':memory:');
  const make = (id: string, role: OrgRole): TestOrg => addTestOrg(sodium, handle, id, role);
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
      ...(opts.oprfKey ? { oprfKey: opts.oprfKey } : {}),
    },
  );
  await app.ready();
  return { app, handle, orgs };
}
