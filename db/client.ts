// The connection factory. No module-level singleton: every caller (and every test) gets its
// own handle, with the committed migrations applied.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { preparePrivateDatabaseFile } from './file-modes.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type DbHandle = { db: Db; sqlite: Database.Database; close: () => void };

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export const JOURNAL_SIZE_LIMIT_BYTES = 8 * 1024 * 1024;

export type DbOptions = {
  synchronous?: 'NORMAL' | 'FULL';
  /** Background checkpoints run elsewhere, so this connection only checkpoints as a fallback. */
  backgroundCheckpoints?: boolean;
  /**
   * How long a write waits for another process's lock (5 s by default). SQLite waits by
   * blocking, so the service uses a short wait: a stalled event loop would stall every request.
   */
  busyTimeoutMs?: number;
};

export function createDb(file: string, options: DbOptions = {}): DbHandle {
  if (file !== ':memory:') preparePrivateDatabaseFile(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives a crash of this process; FULL also survives power loss
  // (see docs/benchmarks.md for what each costs).
  sqlite.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  // 32 MiB of page cache (the default is 2 MiB): the id indexes that every submission touches
  // at a random place stay in memory for a few hundred thousand reports.
  sqlite.pragma('cache_size = -32768');
  // Overwrite deleted content, so a withdrawn box does not linger in free pages.
  sqlite.pragma('secure_delete = ON');
  if (options.backgroundCheckpoints) sqlite.pragma('wal_autocheckpoint = 20000');
  // Each time the WAL starts over, it is cut back to this size, so old frames (which may hold
  // deleted content) do not stay in a large file's tail and the file does not only grow.
  sqlite.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return { db, sqlite, close: () => sqlite.close() };
}
