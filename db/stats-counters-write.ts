// Keeps stat_counters in step with reports. A new report is added by catchUpCounters, in a
// batch after its commit and before any read of the counters; a change to a stored report
// (verification, withdrawal) is applied inside the transaction that makes it.
import type Database from 'better-sqlite3';
import type { GbvType } from '../src/gbvims.ts';
import type { Facts } from '../src/schemas.ts';
import type { FixedDimension } from '../src/stats.ts';
import {
  COUNTER_DIMENSIONS,
  type CounterFacts,
  countedFacts,
  counterKeys,
} from '../src/stats-counters.ts';
// Where each fact lives, shared with the row-counting queries.
import { SOURCES } from './fact-sources.ts';
import { invalidateCounterCache } from './stats-counters-cache.ts';

const UPSERT = `insert into stat_counters (scope, pair, month, a, b, n)
  values (?, ?, ?, ?, ?, ?)
  on conflict (scope, pair, month, a, b) do update set n = n + excluded.n`;

// Runs for every stored report, so the statement is prepared once per connection.
const PREPARED = new WeakMap<Database.Database, Database.Statement>();

/** Adds (delta 1) or removes (delta -1) one report in one scope. */
export function applyToCounters(
  sqlite: Database.Database,
  facts: CounterFacts,
  month: string,
  scope: 0 | 1,
  delta: 1 | -1,
): void {
  let upsert = PREPARED.get(sqlite);
  if (!upsert) {
    upsert = sqlite.prepare(UPSERT);
    PREPARED.set(sqlite, upsert);
  }
  for (const key of counterKeys(facts)) upsert.run(scope, key.pair, month, key.a, key.b, delta);
  invalidateCounterCache(sqlite);
}

/** Recomputes every counter from the reports: for existing databases and bulk loads. */
export function rebuildCounters(sqlite: Database.Database): void {
  const pairs: FixedDimension[][] = [[]];
  COUNTER_DIMENSIONS.forEach((d1, i) => {
    pairs.push([d1]);
    for (const d2 of COUNTER_DIMENSIONS.slice(i + 1)) pairs.push([d1, d2]);
  });
  // Sorting for the group-bys in memory rather than in temporary files is several times faster.
  // Both settings are put back afterwards: a 256 MiB page cache kept for the life of the
  // server was most of its memory.
  const tempStore = sqlite.pragma('temp_store', { simple: true });
  const cacheSize = sqlite.pragma('cache_size', { simple: true });
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('cache_size = -262144');
  try {
    rebuildAll(sqlite, pairs);
  } finally {
    sqlite.pragma(`temp_store = ${Number(tempStore)}`);
    sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  }
  invalidateCounterCache(sqlite);
}

function rebuildAll(sqlite: Database.Database, pairs: FixedDimension[][]): void {
  sqlite.transaction(() => {
    sqlite.exec('delete from stat_counters');
    sqlite.exec('update reports set counted = 1 where counted = 0');
    for (const [scope, where] of [
      [0, ''],
      [1, 'where r.verified = 1'],
    ] as const) {
      for (const dims of pairs) {
        const cols = dims.map((d) => SOURCES[d].column);
        const a = cols[0] ?? "''";
        const b = cols[1] ?? "''";
        const joins = dims.map((d) => SOURCES[d].join ?? '').join(' ');
        sqlite.exec(
          `insert into stat_counters (scope, pair, month, a, b, n)
           select ${scope}, '${dims.join('|')}', r.incident_month, ${a}, ${b}, count(*)
           from reports r ${joins} ${where}
           group by r.incident_month, ${a}, ${b}`,
        );
      }
    }
    sqlite.prepare(`insert or replace into meta (key, value) values ('stat_counters', '1')`).run();
  })();
}

// An uncounted report's facts, under the names of `Facts` (the code lists still JSON text).
type PendingRow = {
  incidentMonth: string;
  region: string;
  perpetrators: string;
  violence: string;
  identity: string;
  ageBand: string;
  nationality: string;
  setting: string;
  reportedToAuthority: string;
  channel: string;
  gbvType: string;
  verified: number;
};

/**
 * Adds every report not yet counted to the counters, in one transaction with one upsert per
 * distinct counter. Submissions only insert rows; this runs on a timer and before every read
 * of the counters, so published counts always include every committed report.
 *
 * Reports with exactly the same facts (common: most answers are "prefiero no decir") are
 * expanded into counter keys once and added with their multiplicity.
 */
export function catchUpCounters(sqlite: Database.Database): number {
  return sqlite.transaction(() => {
    const pending = sqlite
      .prepare(
        `select incident_month as incidentMonth, region, perpetrators, violence, identity,
           age_band as ageBand, nationality, setting,
           reported_to_authority as reportedToAuthority, channel, gbv_type as gbvType, verified
         from reports where counted = 0`,
      )
      .all() as PendingRow[];
    if (pending.length === 0) return 0;
    // Identical fact sets, counted once each with how many reports share them. The row holds
    // only the counted facts, and code lists are stored in code order, so equal sets have
    // equal text.
    const groups = new Map<string, { row: PendingRow; n: number }>();
    for (const r of pending) {
      const signature = Object.values(r).join('\u0000');
      const group = groups.get(signature);
      if (group) group.n++;
      else groups.set(signature, { row: r, n: 1 });
    }
    const deltas = new Map<string, [number, string, string, string, string, number]>();
    for (const { row: r, n } of groups.values()) {
      const facts = countedFacts(
        {
          ...r,
          perpetrators: JSON.parse(r.perpetrators),
          violence: JSON.parse(r.violence),
        } as unknown as Omit<Facts, 'incidentMonth'>,
        r.gbvType as GbvType,
      );
      const keys = counterKeys(facts);
      for (const scope of r.verified ? [0, 1] : [0]) {
        for (const key of keys) {
          const k = `${scope}\u0000${key.pair}\u0000${r.incidentMonth}\u0000${key.a}\u0000${key.b}`;
          const d = deltas.get(k);
          if (d) d[5] += n;
          else deltas.set(k, [scope, key.pair, r.incidentMonth, key.a, key.b, n]);
        }
      }
    }
    const upsert = sqlite.prepare(UPSERT);
    for (const d of deltas.values()) upsert.run(...d);
    sqlite.prepare('update reports set counted = 1 where counted = 0').run();
    invalidateCounterCache(sqlite);
    return pending.length;
  })();
}

/** Builds the counters once for a database that has reports from before they existed. */
export function ensureCounters(sqlite: Database.Database): void {
  const done = sqlite.prepare(`select value from meta where key = 'stat_counters'`).get();
  if (!done) rebuildCounters(sqlite);
}
