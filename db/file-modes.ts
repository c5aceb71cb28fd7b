// The database holds TOTP secrets, wrapped keys, password and session hashes and the audit log,
// so only the service's own user may read it: the data directory 0700, the files 0600. SQLite
// gives the -wal and -shm files the mode of the database file, so the database file is created
// 0600 before SQLite opens it.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the directory (0700) and an empty database file (0600) if they do not exist. */
export function preparePrivateDatabaseFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  if (existsSync(file)) return;
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (err) {
    // Created by someone else in between: SQLite opens it as it is, and the start check says so.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/**
 * Makes each existing path private (directories 0700, files 0600) and says, in one line each,
 * which were open to others and whether that could be fixed. The service starts either way:
 * refusing to start would lose reports, and the operator reads the warning.
 */
export function securePrivatePaths(paths: string[]): string[] {
  const warnings: string[] = [];
  for (const p of paths) {
    let mode: number;
    let isDir: boolean;
    try {
      const st = statSync(p);
      mode = st.mode & 0o777;
      isDir = st.isDirectory();
    } catch {
      continue;
    }
    const wanted = isDir ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((mode & 0o077) === 0) continue;
    const was = mode.toString(8).padStart(4, '0');
    const want = wanted.toString(8).padStart(4, '0');
    try {
      chmodSync(p, wanted);
      warnings.push(`${p} could be read by other users (mode ${was}); it is now ${want}.`);
    } catch {
      warnings.push(
        `${p} can be read by other users (mode ${was}) and could not be changed: run chmod ${want} ${p}`,
      );
    }
  }
  return warnings;
}

/** The data directory, the keys directory and the database with the files SQLite keeps by it. */
export function privateDataPaths(dataDir: string, keysDir: string, databasePath: string): string[] {
  const db =
    databasePath === ':memory:' ? [] : [databasePath, `${databasePath}-wal`, `${databasePath}-shm`];
  return [dataDir, keysDir, ...(db.length ? [path.dirname(databasePath)] : []), ...db];
}
