// npm run backup -- <file>: a consistent online backup of the database named by the config.
import { BackupError, backupDatabase } from '../db/backup.ts';
import { loadConfig } from '../src/shared/config.ts';
import { fail, fileArgument } from './cli.ts';

const target = fileArgument('Usage: npm run backup -- <backup file>');
// The copy holds everything the database holds: for this user only.
process.umask(0o077);
const config = loadConfig();
backupDatabase(config.databasePath, target).then(
  ({ pages }) =>
    process.stdout.write(`Backed up ${config.databasePath} to ${target} (${pages} pages).\n`),
  (err: unknown) =>
    fail(`Backup failed: ${err instanceof BackupError ? err.message : String(err)}`),
);
