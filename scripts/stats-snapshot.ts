// npm run stats:snapshot -- [--through YYYY-MM-DD] [--db <file>]
// Publishes a public statistics snapshot now: by default the one the schedule says is due (the
// last closed period, once SNAPSHOT_DELAY_DAYS have passed); with --through, one covering every
// report received up to that day. Cutting snapshots often brings back the timing leak that
// snapshots exist to close: see docs/statistics.md.
import { parseArgs } from 'node:util';
import { publishDue, publishThrough } from '../api/services/public/stats-snapshot.ts';
import { createDb } from '../db/client.ts';
import { SnapshotRefused } from '../db/stats/snapshots.ts';
import { loadConfig } from '../src/shared/config.ts';
import { isRealDay } from '../src/statistics/periods.ts';

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run stats:snapshot -- [--through YYYY-MM-DD] [--db <file>]`,
  );
  process.exit(2);
}

let args: { through?: string; db?: string };
try {
  args = parseArgs({
    options: { through: { type: 'string' }, db: { type: 'string' } },
    strict: true,
  }).values;
} catch (err) {
  usage(err instanceof Error ? err.message : String(err));
}
if (args.through !== undefined && !isRealDay(args.through)) {
  usage(`--through must be a day written YYYY-MM-DD, not '${args.through}'`);
}
const config = loadConfig();
const settings = {
  rho: config.statsRho,
  period: config.statsPeriod,
  delayDays: config.snapshotDelayDays,
};
const handle = createDb(args.db ?? config.databasePath);
try {
  console.log('Computing the snapshot (counting, adding noise, checking the tables)…');
  const doc = args.through
    ? publishThrough(handle.db, args.through, new Date(), settings)
    : publishDue(handle.db, new Date(), settings);
  if (!doc) {
    console.log('Nothing is due: the snapshot of the last closed period is already published.');
  } else {
    const total = doc.scopes.all['']?.counts[0] ?? 0;
    console.log(
      `Published snapshot ${doc.snapshot.id} through ${doc.snapshot.through} (about ${total} reports; ρ per report ${doc.privacy.rhoPerReport}).`,
    );
  }
} catch (err) {
  if (err instanceof SnapshotRefused) {
    console.error(`Not published: ${err.message}`);
    process.exitCode = 1;
  } else throw err;
} finally {
  handle.close();
}
