// Keeps a FactColumns copy of the reports table up to date, and counts from it. Used by the
// staff statistics (GET /api/org/stats): in a worker thread with its own connection for a
// database file (api/services/workspace/org-stats-worker.ts), on the request thread for :memory:.
//
// Before each count it catches up, in one read transaction, with what changed since the last:
// - changed and deleted reports, from `report_changes`, which triggers fill (migration 0011);
//   each logged rowid is read again, so the copy holds what the row holds now;
// - new reports, by rowid, above the highest report that did not change (see below);
// - a database replaced wholesale by a restore, which sets a new generation in `meta`.
// With nothing new, that is four look-ups by key.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { FactColumns, type FactRow } from './fact-columns.ts';
import { countFacts } from './fact-count.ts';
import type { CountQuery, CountResult } from './stats-repo.ts';

/** The `meta` key a restore changes, so that every in-memory copy is rebuilt. */
export const GENERATION_KEY = 'data_generation';

/** Marks the database as a new one for every FactIndex reading it (see restoreDatabase). */
export function startNewGeneration(sqlite: Database.Database): void {
  sqlite
    .prepare('insert or replace into meta (key, value) values (?, ?)')
    .run(GENERATION_KEY, randomUUID());
}

// The columns of FactRow, in its order.
const FACTS = `r.rowid, r.incident_month, r.region, r.identity, r.age_band, r.nationality,
  r.setting, r.reported_to_authority, r.channel, r.gbv_type, r.perpetrators, r.violence,
  r.verified`;

type Box = [rowid: number, orgId: string];
type Statements = {
  generation: Database.Statement<[string], string>;
  lastSeq: Database.Statement<[], number>;
  changes: Database.Statement<[number], [seq: number, rowid: number]>;
  rowAt: Database.Statement<[number], FactRow>;
  boxesAt: Database.Statement<[number], Box>;
  rowsAfter: Database.Statement<[number], FactRow>;
  boxesAfter: Database.Statement<[number], Box>;
  allBoxes: Database.Statement<[], Box>;
};

export class FactIndex {
  private columns = new FactColumns();
  private readonly statements: Statements;
  private readonly inSnapshot: () => void;
  /** The highest rowid in the copy (0 when empty). */
  private top = 0;
  /** Last `report_changes` entry applied. */
  private lastSeq = 0;
  /** Undefined until the first load; null for a database that was never restored. */
  private generation: string | null | undefined = undefined;

  constructor(sqlite: Database.Database) {
    const boxes =
      'select r.rowid, b.recipient_id from reports r join report_boxes b on b.report_id = r.id';
    this.statements = {
      generation: sqlite.prepare<[string], string>('select value from meta where key = ?').pluck(),
      // The sequence rather than max(seq): it survives pruning the log.
      lastSeq: sqlite
        .prepare<[], number>(`select seq from sqlite_sequence where name = 'report_changes'`)
        .pluck(),
      changes: sqlite
        .prepare<[number], [number, number]>(
          'select seq, report_rowid from report_changes where seq > ? order by seq',
        )
        .raw(),
      rowAt: sqlite
        .prepare<[number], FactRow>(`select ${FACTS} from reports r where r.rowid = ?`)
        .raw(),
      boxesAt: sqlite.prepare<[number], Box>(`${boxes} where r.rowid = ?`).raw(),
      rowsAfter: sqlite
        .prepare<[number], FactRow>(
          `select ${FACTS} from reports r where r.rowid > ? order by r.rowid`,
        )
        .raw(),
      boxesAfter: sqlite.prepare<[number], Box>(`${boxes} where r.rowid > ?`).raw(),
      // For a first load: scanning the boxes' key and looking each report up by id is about
      // three times quicker than the other way round.
      allBoxes: sqlite
        .prepare<[], Box>(
          'select r.rowid, b.recipient_id from report_boxes b cross join reports r on r.id = b.report_id',
        )
        .raw(),
    };
    this.inSnapshot = sqlite.transaction(() => this.catchUpInSnapshot());
  }

  /** Exact counts, with the same rules and result as countFromReports (db/stats/stats-repo.ts). */
  count(q: CountQuery): CountResult {
    this.catchUp();
    return countFacts(this.columns, q);
  }

  /** Brings the copy up to date; the first call loads every report. */
  catchUp(): void {
    this.inSnapshot();
  }

  private catchUpInSnapshot(): void {
    const s = this.statements;
    const generation = s.generation.get(GENERATION_KEY) ?? null;
    if (generation !== this.generation) this.reset(generation);
    // Entries follow one another without gaps (AUTOINCREMENT, and a rolled-back entry rolls
    // back its number too), so fewer than the sequence moved means some were pruned unread:
    // start again from the rows.
    const seq = s.lastSeq.get() ?? 0;
    const changes = seq === this.lastSeq ? [] : s.changes.all(this.lastSeq);
    const changed = new Set<number>();
    if (changes.length !== seq - this.lastSeq) this.reset(generation);
    else for (const [, rowid] of changes) changed.add(rowid);
    this.lastSeq = seq;
    // The highest report in the copy that has not changed since the last catch-up. It is still
    // there, and SQLite gives a new row the highest rowid plus one, so nothing was stored at or
    // below it since. Above it everything is read again: new reports, and any that took the
    // rowid of a deleted one (a report stored after the newest ones were withdrawn does).
    let stable = this.top;
    while (stable > 0 && (changed.has(stable) || !this.columns.isLive(stable))) stable--;
    for (const rowid of changed) if (rowid <= stable) this.readAgain(rowid);
    this.columns.dropAbove(stable);
    this.top = stable;
    for (const row of s.rowsAfter.iterate(stable)) {
      this.columns.put(row);
      this.top = row[0];
    }
    const boxes = stable === 0 ? s.allBoxes.iterate() : s.boxesAfter.iterate(stable);
    for (const [rowid, orgId] of boxes) this.columns.addOrganisation(rowid, orgId);
  }

  /** Copies a logged report as it is now, or drops it if it is gone. */
  private readAgain(rowid: number): void {
    const row = this.statements.rowAt.get(rowid);
    if (!row) {
      this.columns.drop(rowid);
      return;
    }
    this.columns.put(row);
    for (const [, orgId] of this.statements.boxesAt.iterate(rowid)) {
      this.columns.addOrganisation(rowid, orgId);
    }
  }

  /** Forgets everything, so that every row is read again. */
  private reset(generation: string | null): void {
    this.columns = new FactColumns();
    this.top = 0;
    this.lastSeq = this.statements.lastSeq.get() ?? 0;
    this.generation = generation;
  }
}
