// npm run restore -- <file>: puts a backup back. The current database is saved first.
import { BackupError, restoreDatabase } from '../db/backup.ts';
import { loadConfig } from '../src/shared/config.ts';
import { utcDay } from '../src/shared/months.ts';
import { fail, fileArgument } from './cli.ts';

const source = fileArgument('Usage: npm run restore -- <backup file>');
// The copy holds everything the database holds: for this user only.
process.umask(0o077);
const config = loadConfig();
const safety = `${config.databasePath}.before-restore-${utcDay(new Date())}-${process.pid}.db`;
restoreDatabase(source, config.databasePath, safety).then(
  ({ saved }) =>
    process.stdout.write(
      `Restored ${source} into ${config.databasePath}.\n${
        saved
          ? `The previous database was saved to ${saved}.`
          : 'There was no database there before, so nothing was replaced.'
      }\n`,
    ),
  (err: unknown) =>
    fail(`Restore failed: ${err instanceof BackupError ? err.message : String(err)}`),
);
