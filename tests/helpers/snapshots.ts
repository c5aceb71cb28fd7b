// Publishing public snapshots in tests, with a seeded noise source so a failure can be replayed.
import { publishThrough, type SnapshotSettings } from '../../api/services/public/stats-snapshot.ts';
import type { Db } from '../../db/client.ts';
import type { SnapshotDocument } from '../../src/statistics/snapshot.ts';
import { seededRandomBelow } from './seeded-random.ts';

export const TEST_SNAPSHOT_SETTINGS: SnapshotSettings = { rho: 1, period: 'quarter', delayDays: 7 };

export function publishTestSnapshot(
  db: Db,
  through: string,
  opts: { seed?: string | number; now?: Date; settings?: Partial<SnapshotSettings> } = {},
): SnapshotDocument {
  return publishThrough(
    db,
    through,
    opts.now ?? new Date(`${through}T23:00:00Z`),
    { ...TEST_SNAPSHOT_SETTINGS, ...opts.settings },
    seededRandomBelow(opts.seed ?? through),
  );
}
