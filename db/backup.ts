// Online backup and restore through SQLite's backup API: consistent while the service runs.
import { existsSync, linkSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createDb } from './client.ts';
import { preparePrivateDatabaseFile } from './file-modes.ts';
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

/**
 * Copies the live database to `target`, which must not exist yet. VACUUM INTO reads the database
 * in one read transaction, so it finishes however fast reports arrive; the backup API it
 * replaces started over each time the database changed and, at 50 reports a second on a 58 MB
 * database, never finished. The copy is written under a temporary name and linked into place
 * only once it is whole and checked, so a killed backup never leaves a file that looks done.
 */
export async function backupDatabase(livePath: string, target: string): Promise<{ pages: number }> {
  if (existsSync(target)) throw new BackupError(`${target} already exists; choose a new file`);
  if (!existsSync(path.dirname(target)))
    throw new BackupError(`cannot write ${target}: the directory does not exist`);
  const partial = `${target}.partial`;
  removeDatabaseFile(partial);
  const live = openLive(livePath);
  try {
    live.prepare('vacuum into ?').run(partial);
  } catch (err) {
    removeDatabaseFile(partial);
    throw new BackupError(`cannot write ${target}: ${reason(err)}`);
  } finally {
    live.close();
  }
  try {
    const copy = new Database(partial, { fileMustExist: true });
    let pages: number;
    try {
      copy.pragma('journal_mode = DELETE');
      pages = Number(copy.pragma('page_count', { simple: true }));
    } finally {
      copy.close();
    }
    checkDatabaseFile(partial);
    // A hard link, not a rename: it refuses to replace a file that appeared meanwhile.
    linkSync(partial, target);
    return { pages };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`cannot write ${target}: ${reason(err)}`);
  } finally {
    removeDatabaseFile(partial);
  }
}

/**
 * Puts a backup back into the live database. The current content is first saved to
 * `safetyCopy`, if there is any; `saved` says where it went. A backup made by an older version
 * is first brought to this version's format, on a copy, so a running service never sees an old
 * one.
 *
 * A running service must lose no report it acknowledged: the write lock is taken first and held
 * until the new content is committed, so the safety copy holds every report stored before, and
 * a report arriving meanwhile waits, then gets 503 with Retry-After (the form keeps it and sends
 * it again), never a 201 for a report the restore then overwrites. Before, the safety copy was
 * made and the database replaced in two steps, and reports committed between them were in
 * neither (an outside fault-injection run lost 6).
 */
export async function restoreDatabase(
  source: string,
  livePath: string,
  safetyCopy: string,
): Promise<{ saved: string | null }> {
  checkDatabaseFile(source);
  if (existsSync(livePath) && realpathSync(source) === realpathSync(livePath))
    throw new BackupError(`${source} is the live database itself; name a backup file`);
  preparePrivateDatabaseFile(livePath);
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
    // Migrations, as at the service's start; and a new generation, so that the running
    // service's in-memory copy of the facts (db/stats/fact-index.ts) is rebuilt.
    const staged = createDb(staging);
    try {
      startNewGeneration(staged.sqlite);
    } finally {
      staged.close();
    }
    return { saved: await replaceUnderLock(staging, livePath, safetyCopy) };
  } finally {
    removeDatabaseFile(staging);
  }
}

// How long the restore waits for the service's write in progress to end before taking the lock.
const LOCK_WAIT_MS = 10_000;

/** Holds the live database's write lock while it saves the old content and puts the new in. */
async function replaceUnderLock(
  staging: string,
  livePath: string,
  safetyCopy: string,
): Promise<string | null> {
  const live = openLive(livePath);
  try {
    live.pragma('journal_mode = WAL');
    live.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    // The content is replaced table by table inside one transaction; foreign keys are checked
    // once, at the end, against the whole new content.
    live.pragma('foreign_keys = OFF');
    // Attached before the transaction and detached after it: SQLite allows neither inside one.
    live.prepare('attach database ? as restored').run(staging);
    live.exec('BEGIN IMMEDIATE');
    let committed = false;
    try {
      const hadContent =
        (
          live.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as {
            n: number;
          }
        ).n > 0;
      let saved: string | null = null;
      if (hadContent) {
        // Through a second connection: it reads the last committed state, which cannot change
        // while this one holds the write lock, so the copy never restarts.
        const reader = new Database(livePath, { readonly: true, fileMustExist: true });
        try {
          await copyTo(reader, safetyCopy);
        } finally {
          reader.close();
        }
        checkDatabaseFile(safetyCopy);
        saved = safetyCopy;
      }
      replaceContent(live);
      const broken = live.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new BackupError('the restored content breaks a foreign key');
      live.exec('COMMIT');
      committed = true;
      return saved;
    } finally {
      if (!committed && live.inTransaction) live.exec('ROLLBACK');
      live.exec('detach database restored');
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`cannot write ${livePath}: ${reason(err)}`);
  } finally {
    live.close();
  }
}

type SchemaRow = { type: string; name: string; tbl_name: string; sql: string | null };

/**
 * Makes the live database's schema and rows those of the attached `restored`, inside the caller's
 * transaction: a running service sees the old database until the commit and the new one after,
 * and re-prepares its statements by itself when it sees the new schema.
 */
function replaceContent(live: Database.Database): void {
  const own = (schema: string): SchemaRow[] =>
    live
      .prepare(
        `select type, name, tbl_name, sql from ${schema}.sqlite_master
         where name not like 'sqlite_%' order by rowid`,
      )
      .all() as SchemaRow[];
  for (const o of own('main').filter((r) => r.type === 'view'))
    live.exec(`drop view main."${o.name}"`);
  // Dropping a table drops its indexes and triggers too.
  for (const o of own('main').filter((r) => r.type === 'table'))
    live.exec(`drop table main."${o.name}"`);
  const incoming = own('restored');
  for (const o of incoming.filter((r) => r.type === 'table' && r.sql)) {
    live.exec(o.sql as string);
    live.exec(`insert into main."${o.name}" select * from restored."${o.name}"`);
  }
  const sequences = live
    .prepare("select count(*) as n from restored.sqlite_master where name = 'sqlite_sequence'")
    .get() as { n: number };
  if (sequences.n > 0) {
    live.exec('delete from main.sqlite_sequence');
    live.exec('insert into main.sqlite_sequence select * from restored.sqlite_sequence');
  }
  // Indexes before triggers and views, as SQLite itself lists them.
  for (const type of ['index', 'trigger', 'view'])
    for (const o of incoming.filter((r) => r.type === type && r.sql)) live.exec(o.sql as string);
}
