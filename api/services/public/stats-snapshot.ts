// Publishing public snapshots: the one due by the schedule, or one through a chosen day (the
// command line). The work is db/stats/snapshots.ts and src/statistics/snapshot.ts.
import type { Db } from '../../../db/client.ts';
import { isSyntheticDatabase } from '../../../db/repos/releases-repo.ts';
import { latestSnapshot, publishSnapshot } from '../../../db/stats/snapshots.ts';
import { secureRandomBelow } from '../../../src/crypto/sodium.ts';
import { utcDay } from '../../../src/shared/months.ts';
import type { RandomBelow } from '../../../src/statistics/discrete-gaussian.ts';
import { dueThrough, type Period } from '../../../src/statistics/periods.ts';
import type { SnapshotDocument } from '../../../src/statistics/snapshot.ts';

export type SnapshotSettings = { rho: number; period: Period; delayDays: number };

export const DEFAULT_SNAPSHOT_SETTINGS: SnapshotSettings = {
  rho: 1,
  period: 'quarter',
  delayDays: 7,
};

export function publishThrough(
  db: Db,
  through: string,
  now: Date,
  settings: SnapshotSettings,
  rand: RandomBelow = secureRandomBelow(),
): SnapshotDocument {
  return publishSnapshot(db.$client, {
    through,
    today: utcDay(now),
    period: settings.period,
    rho: settings.rho,
    rand,
    synthetic: isSyntheticDatabase(db),
  });
}

/** Publishes the snapshot the schedule says is due, if it is not out yet; null otherwise. */
export function publishDue(db: Db, now: Date, settings: SnapshotSettings): SnapshotDocument | null {
  const through = dueThrough(utcDay(now), settings.period, settings.delayDays);
  const last = latestSnapshot(db.$client);
  if (last && last.through >= through) return null;
  return publishThrough(db, through, now, settings);
}
