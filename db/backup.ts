// Online backup and restore through SQLite's backup API: consistent while the service runs.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

export class BackupError extends Error {}

const REQUIRED_TABLES = ['reports', 'report_boxes', 'organisations'];

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

/** Copies the live database to `target`, which must not exist yet. */
export async function backupDatabase(livePath: string, target: string): Promise<{ pages: number }> {
  if (existsSync(target)) throw new BackupError(`${target} already exists; choose a new file`);
  const live = new Database(livePath, { fileMustExist: true });
  try {
    const progress = await live.backup(target);
    checkDatabaseFile(target);
    return { pages: progress.totalPages };
  } finally {
    live.close();
  }
}

/**
 * Puts a backup back into the live database (through the backup API, so a running service
 * sees a consistent database). The current content is first saved to `safetyCopy`.
 */
export async function restoreDatabase(
  source: string,
  livePath: string,
  safetyCopy: string,
): Promise<void> {
  checkDatabaseFile(source);
  if (existsSync(livePath)) await backupDatabase(livePath, safetyCopy);
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(livePath);
  } finally {
    from.close();
  }
  checkDatabaseFile(livePath);
}
