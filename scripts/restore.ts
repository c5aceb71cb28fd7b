// npm run restore -- <file>: puts a backup back. The current database is saved first.
import { BackupError, restoreDatabase } from '../db/backup.ts';
import { loadConfig } from '../src/config.ts';
import { utcDay } from '../src/months.ts';

const source = process.argv[2];
if (!source) {
  process.stderr.write('Usage: npm run restore -- <backup file>\n');
  process.exit(2);
}
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
  (err: unknown) => {
    process.stderr.write(
      `Restore failed: ${err instanceof BackupError ? err.message : String(err)}\n`,
    );
    process.exit(1);
  },
);
