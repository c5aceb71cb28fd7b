// Reads the exact counts a snapshot needs, and stores snapshots and their running state. The
// arithmetic (noise, post-processing) is src/statistics/snapshot.ts.
import type Database from 'better-sqlite3';
import {
  type CountedReport,
  MAX_UNITS_PER_REPORT,
  monthAxis,
} from '../../src/statistics/catalogue.ts';
import type { RandomBelow } from '../../src/statistics/discrete-gaussian.ts';
import {
  computeSnapshot,
  countReport,
  type ExactCounts,
  emptyExactCounts,
  type SnapshotDocument,
  type SnapshotState,
  stateKey,
} from '../../src/statistics/snapshot.ts';

export type StoredSnapshot = {
  id: number;
  through: string;
  publishedDay: string;
  document: string;
};

export function latestSnapshot(sqlite: Database.Database): StoredSnapshot | null {
  const row = sqlite
    .prepare(
      'select id, through, published_day as publishedDay, document from stat_snapshots order by id desc limit 1',
    )
    .get() as StoredSnapshot | undefined;
  return row ?? null;
}

/** The id of the newest snapshot, cheaply (for caches that must notice a new one). */
export function latestSnapshotId(sqlite: Database.Database): number | null {
  const row = sqlite.prepare('select max(id) as id from stat_snapshots').get() as {
    id: number | null;
  };
  return row.id;
}

type ReportRow = CountedReport & {
  verified: number;
  perpetratorsJson: string;
  violenceJson: string;
};

/** Exact counts of every catalogue table over the reports received up to `through`. */
export function exactCounts(sqlite: Database.Database, through: string): ExactCounts {
  const out = emptyExactCounts();
  const rows = sqlite
    .prepare(
      `select incident_month as incidentMonth, region, perpetrators as perpetratorsJson,
              violence as violenceJson, identity, age_band as ageBand, nationality, setting,
              reported_to_authority as reportedToAuthority, channel, gbv_type as gbvType, verified
       from reports where received_day <= ?`,
    )
    .iterate(through) as IterableIterator<ReportRow>;
  for (const row of rows) {
    const report: CountedReport = {
      ...row,
      perpetrators: JSON.parse(row.perpetratorsJson) as string[],
      violence: JSON.parse(row.violenceJson) as string[],
    };
    countReport(out, report, row.verified === 1);
  }
  return out;
}

function loadState(sqlite: Database.Database): SnapshotState {
  const state: SnapshotState = new Map();
  const rows = sqlite
    .prepare('select scope, tbl, cell, basis, noisy, variance from stat_public_cells')
    .raw()
    .iterate() as IterableIterator<[string, string, string, number, number, number]>;
  for (const [scope, tbl, cell, basis, noisy, variance] of rows) {
    state.set(stateKey(scope as 'all', tbl, cell), { basis, noisy, variance });
  }
  return state;
}

export class SnapshotRefused extends Error {}

export type PublishOptions = {
  through: string;
  today: string;
  period: string;
  /** ρ one report may spend through every snapshot together. */
  rho: number;
  rand: RandomBelow;
  synthetic: boolean;
};

type Prepared = {
  lastId: number;
  id: number;
  state: SnapshotState;
  document: SnapshotDocument;
  params: string;
};

/**
 * Counts and computes a snapshot inside one read transaction (a consistent view that does not
 * block writers in WAL mode): the slow part, seconds at a million reports.
 */
function prepareSnapshot(sqlite: Database.Database, opts: PublishOptions): Prepared {
  return sqlite.transaction((): Prepared => {
    const previous = sqlite
      .prepare('select id, through, params from stat_snapshots order by id')
      .all() as Array<{ id: number; through: string; params: string }>;
    const last = previous.at(-1);
    if (opts.through > opts.today) throw new SnapshotRefused('`through` cannot be after today');
    if (last && last.through >= opts.through) {
      throw new SnapshotRefused(
        `a snapshot through ${last.through} is already published; a new one must cover a later day`,
      );
    }
    const firstMonth = previous[0]
      ? (JSON.parse(previous[0].params) as { firstThroughMonth: string }).firstThroughMonth
      : opts.through.slice(0, 7);
    const months = monthAxis(firstMonth, opts.through.slice(0, 7));
    const id = (last?.id ?? 0) + 1;
    const { state, document } = computeSnapshot({
      id,
      through: opts.through,
      publishedDay: opts.today,
      period: opts.period,
      months,
      rho: opts.rho,
      exact: exactCounts(sqlite, opts.through),
      previous: loadState(sqlite),
      rand: opts.rand,
      synthetic: opts.synthetic,
    });
    // Accounting: a report changes the increments by at most MAX_UNITS_PER_REPORT units, each
    // in some snapshot, so it can never spend more than that many times the largest unit.
    const units = [
      ...previous.map((p) => (JSON.parse(p.params) as { rhoPerUnit: number }).rhoPerUnit),
      document.privacy.rhoPerUnit,
    ];
    const worst = MAX_UNITS_PER_REPORT * Math.max(...units);
    if (worst > opts.rho * (1 + 1e-9)) {
      throw new SnapshotRefused(
        `an earlier snapshot was published with a larger ρ; one report could now spend ρ = ${worst.toFixed(3)}, over the budget of ${opts.rho}`,
      );
    }
    const params = JSON.stringify({
      rho: opts.rho,
      rhoPerUnit: document.privacy.rhoPerUnit,
      firstThroughMonth: firstMonth,
      period: opts.period,
    });
    return { lastId: last?.id ?? 0, id, state, document, params };
  })();
}

/**
 * Writes a prepared snapshot in one short write transaction, if no other snapshot was published
 * since it was prepared (the server's schedule and the command line may race). Reports that
 * changed meanwhile are in the next snapshot: the stored basis is what this one counted.
 */
function commitSnapshot(sqlite: Database.Database, prepared: Prepared, opts: PublishOptions): void {
  sqlite
    .transaction(() => {
      const row = sqlite.prepare('select max(id) as id from stat_snapshots').get() as {
        id: number | null;
      };
      if ((row.id ?? 0) !== prepared.lastId) {
        throw new SnapshotRefused('another snapshot was published meanwhile; nothing was written');
      }
      const upsert = sqlite.prepare(
        `insert into stat_public_cells (scope, tbl, cell, basis, noisy, variance) values (?, ?, ?, ?, ?, ?)
         on conflict (scope, tbl, cell) do update set basis = excluded.basis, noisy = excluded.noisy,
           variance = excluded.variance`,
      );
      for (const [key, cell] of prepared.state) {
        const [scope = '', tbl = '', ...rest] = key.split('/');
        upsert.run(scope, tbl, rest.join('/'), cell.basis, cell.noisy, cell.variance);
      }
      sqlite
        .prepare(
          'insert into stat_snapshots (id, through, published_day, params, document) values (?, ?, ?, ?, ?)',
        )
        .run(
          prepared.id,
          opts.through,
          opts.today,
          prepared.params,
          JSON.stringify(prepared.document),
        );
    })
    .immediate();
}

/** Publishes the snapshot through `through`: counted in a read transaction, written in a short write one. */
export function publishSnapshot(sqlite: Database.Database, opts: PublishOptions): SnapshotDocument {
  const prepared = prepareSnapshot(sqlite, opts);
  commitSnapshot(sqlite, prepared, opts);
  return prepared.document;
}
