// Online backup and restore through SQLite's backup API: consistent while the service runs.
import { existsSync, realpathSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createDb } from './client.ts';
import { startNewGeneration } from './stats/fact-index.ts';

export class BackupError extends Error {}

const REQUIRED_TABLES = ['reports', 'report_boxes', 'organisations'];

const reason = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).replace(/^Cannot \w+ \w+ because /, '');

/** Checks that a file is a sound Voz Segura database before anything is copied from it. */
export function checkDatabaseFile(file: string): void {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new BackupError(`${file} fails the integrity check: ${String(integrity)}`);
    const tables = new Set(
      (
        db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{
          name: string;
        }>
      ).map((t) => t.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length)
      throw new BackupError(`${file} is not a Voz Segura database (no ${missing.join(', ')})`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${file} is not a readable SQLite database`);
  } finally {
    db?.close();
  }
}

/** A database file and the two files SQLite may keep beside it. */
function removeDatabaseFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}

/** Copies `from` (an open connection) into `target` and makes it one self-contained file. */
async function copyTo(from: Database.Database, target: string): Promise<number> {
  let pages: number;
  try {
    pages = (await from.backup(target)).totalPages;
  } catch (err) {
    removeDatabaseFile(target);
    throw new BackupError(`cannot write ${target}: ${reason(err)}`);
  }
  // The copy starts in the live database's WAL mode, which would leave -wal and -shm files
  // beside it once opened; a backup is one file.
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return pages;
}

function openLive(livePath: string): Database.Database {
  try {
    return new Database(livePath, { fileMustExist: true });
  } catch (err) {
    throw new BackupError(
      `cannot open the database ${livePath} (is DATA_DIR right?): ${reason(err)}`,
    );
  }
}

/** Copies the live database to `target`, which must not exist yet. */
export async function backupDatabase(livePath: string, target: string): Promise<{ pages: number }> {
  if (existsSync(target)) throw new BackupError(`${target} already exists; choose a new file`);
  const live = openLive(livePath);
  try {
    const pages = await copyTo(live, target);
    checkDatabaseFile(target);
    return { pages };
  } finally {
    live.close();
  }
}

/**
 * Puts a backup back into the live database (through the backup API, so a running service
 * sees a consistent database). The current content is first saved to `safetyCopy`, if there
 * is any; `saved` says where it went. A backup made by an older version is first brought to
 * this version's format, on a copy, so a running service never sees an old one.
 */
export async function restoreDatabase(
  source: string,
  livePath: string,
  safetyCopy: string,
): Promise<{ saved: string | null }> {
  checkDatabaseFile(source);
  if (existsSync(livePath) && realpathSync(source) === realpathSync(livePath))
    throw new BackupError(`${source} is the live database itself; name a backup file`);
  // One fixed name, so a copy left by a restore that was killed is removed by the next one
  // (it holds every report, including any withdrawn since).
  const staging = `${livePath}.restoring`;
  removeDatabaseFile(staging);
  try {
    const from = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await copyTo(from, staging);
    } finally {
      from.close();
    }
    // Migrations and counters, as at the service's start; and a new generation, so that the
    // running service's in-memory copy of the facts (db/stats/fact-index.ts) is rebuilt.
    const staged = createDb(staging);
    try {
      startNewGeneration(staged.sqlite);
    } finally {
      staged.close();
    }
    const saved = existsSync(livePath) ? safetyCopy : null;
    if (saved) await backupDatabase(livePath, saved);
    const upgraded = new Database(staging, { readonly: true, fileMustExist: true });
    try {
      await upgraded.backup(livePath);
    } catch (err) {
      throw new BackupError(`cannot write ${livePath}: ${reason(err)}`);
    } finally {
      upgraded.close();
    }
    checkDatabaseFile(livePath);
    return { saved };
  } finally {
    removeDatabaseFile(staging);
  }
}
