// npm run backup -- <file>: a consistent online backup of the database named by the config.
import { BackupError, backupDatabase } from '../db/backup.ts';
import { loadConfig } from '../src/config.ts';

const target = process.argv[2];
if (!target) {
  process.stderr.write('Usage: npm run backup -- <backup file>\n');
  process.exit(2);
}
// The copy holds everything the database holds: for this user only.
process.umask(0o077);
const config = loadConfig();
backupDatabase(config.databasePath, target).then(
  ({ pages }) =>
    process.stdout.write(`Backed up ${config.databasePath} to ${target} (${pages} pages).\n`),
  (err: unknown) => {
    process.stderr.write(
      `Backup failed: ${err instanceof BackupError ? err.message : String(err)}\n`,
    );
    process.exit(1);
  },
);
