import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { count, desc, eq } from 'drizzle-orm';
import type { ReportSubmission } from '../../src/contract/schemas.ts';
import { primaryGbvType } from '../../src/shared/gbvims.ts';
import type { Db } from '../client.ts';
import { reportBoxes, reports } from '../schema.ts';

export function findReportHash(db: Db, id: string): string | undefined {
  return statements(db.$client).findHash.get(id)?.body_hash;
}

/**
 * True if a report whose id hashes to idHash (removedIdHash in src/crypto/secret-hash.ts) was
 * withdrawn or deleted (see removed_reports in schema.ts).
 */
export function wasRemoved(db: Db, idHash: string): boolean {
  return statements(db.$client).findRemoved.get(idHash) !== undefined;
}

/**
 * The report holding a receipt lookup hash, if any. The submission path's own prepared copy of
 * follow-up-repo's findFollowUpByLookup (which builds a drizzle query each call and returns the
 * whole row, for the rare look-ups by receipt): this one runs inside every group commit.
 */
export function findFollowUpHolder(db: Db, lookupHash: string): string | undefined {
  return statements(db.$client).findHolder.get(lookupHash)?.report_id;
}

export type StoreOutcome = 'created' | 'repeated' | 'conflict';
export type StoreRequest = {
  submission: ReportSubmission;
  boxes: ReadonlyArray<{ recipientId: string; box: Buffer }>;
  bodyHash: string;
  receivedDay: string;
};

// The write path runs for every report, so its statements are prepared once per connection.
type Statements = {
  findHash: Database.Statement<[string], { body_hash: string }>;
  findRemoved: Database.Statement<[string], { id_hash: string }>;
  findHolder: Database.Statement<[string], { report_id: string }>;
  topRowid: Database.Statement<[], number | null>;
  moveRow: Database.Statement<[number, number]>;
  logChange: Database.Statement<[number]>;
  insertReport: Database.Statement<unknown[]>;
  insertBox: Database.Statement<[string, string, Buffer]>;
  insertFollowUp: Database.Statement<[string, string, Buffer]>;
  insertTag: Database.Statement<[Buffer, string, string]>;
};
const PREPARED = new WeakMap<Database.Database, Statements>();

function statements(sqlite: Database.Database): Statements {
  let s = PREPARED.get(sqlite);
  if (!s) {
    s = {
      findHash: sqlite.prepare('select body_hash from reports where id = ?'),
      findRemoved: sqlite.prepare('select id_hash from removed_reports where id_hash = ?'),
      findHolder: sqlite.prepare('select report_id from report_follow_ups where lookup_hash = ?'),
      topRowid: sqlite.prepare<[], number | null>('select max(rowid) from reports').pluck(),
      moveRow: sqlite.prepare('update reports set rowid = ? where rowid = ?'),
      logChange: sqlite.prepare('insert into report_changes (report_rowid) values (?)'),
      insertReport: sqlite.prepare(
        `insert into reports (rowid, id, incident_month, region, perpetrators, violence,
           identity, age_band, nationality, setting, reported_to_authority, channel, gbv_type,
           body_hash, received_day)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertBox: sqlite.prepare(
        'insert into report_boxes (report_id, recipient_id, box) values (?, ?, ?)',
      ),
      insertFollowUp: sqlite.prepare(
        'insert into report_follow_ups (report_id, lookup_hash, reply_public_key) values (?, ?, ?)',
      ),
      insertTag: sqlite.prepare('insert into report_tags (tag, report_id, kind) values (?, ?, ?)'),
    };
    PREPARED.set(sqlite, s);
  }
  return s;
}

/** A multi-valued fact as stored: a JSON array of its codes in code order (see schema.ts). */
export function codeList(codes: readonly string[]): string {
  return JSON.stringify([...codes].sort());
}

/**
 * Writes a report (with its multi-valued facts), its boxes and its matching tags. Must run inside a transaction (see
 * storeReport and CommitQueue), so a report is either whole or absent. A repeat of the same id
 * with the same body is a retry ('repeated'); the same id with another body is a 'conflict'.
 */
export function insertReport(
  db: Db,
  req: StoreRequest,
  /** The caller has just looked the id up in this transaction and found nothing. */
  { knownNew = false }: { knownNew?: boolean } = {},
): StoreOutcome {
  const s = statements(db.$client);
  const { submission, bodyHash } = req;
  const existing = knownNew ? undefined : s.findHash.get(submission.id);
  if (existing) return existing.body_hash === bodyHash ? 'repeated' : 'conflict';
  const f = submission.facts;
  const gbvType = primaryGbvType(f.violence);
  // The rows of `reports` must not lie in the order they arrived (with staff audit times, that
  // order would place a report in time). The rowid is kept dense, because the exact statistics
  // use it as a slot (db/stats/fact-index.ts), and shuffled as the table grows, the "inside-out"
  // Fisher-Yates way: the new report takes a uniformly random slot among 1..n+1, and the report
  // that held it moves to n+1. Whatever the arrival order, the rows end up in a uniformly random
  // one. The slot is logged as changed, so the statistics read it again.
  const next = (s.topRowid.get() ?? 0) + 1;
  const slot = randomInt(1, next + 1);
  if (slot !== next) {
    s.moveRow.run(next, slot);
    s.logChange.run(slot);
  }
  s.insertReport.run(
    slot,
    submission.id,
    f.incidentMonth,
    f.region,
    codeList(f.perpetrators),
    codeList(f.violence),
    f.identity,
    f.ageBand,
    f.nationality,
    f.setting,
    f.reportedToAuthority,
    f.channel,
    gbvType,
    bodyHash,
    req.receivedDay,
  );
  for (const b of req.boxes) s.insertBox.run(submission.id, b.recipientId, b.box);
  if (submission.followUp) {
    const { lookupHash, replyPublicKey } = submission.followUp;
    s.insertFollowUp.run(submission.id, lookupHash, Buffer.from(replyPublicKey, 'base64'));
  }
  for (const t of submission.tags ?? []) {
    s.insertTag.run(Buffer.from(t.tag, 'base64'), submission.id, t.kind);
  }
  return 'created';
}

/** One report in its own transaction (tools and tests; the API groups commits instead). */
export function storeReport(
  db: Db,
  submission: ReportSubmission,
  boxes: ReadonlyArray<{ recipientId: string; box: Buffer }>,
  bodyHash: string,
  receivedDay: string,
): StoreOutcome {
  return db.$client
    .transaction(() => insertReport(db, { submission, boxes, bodyHash, receivedDay }))
    .immediate();
}
export type BoxRow = {
  reportId: string;
  receivedDay: string;
  box: Buffer;
};

/** The boxes sealed to one organisation, newest first. */
export function listBoxesFor(db: Db, recipientId: string): BoxRow[] {
  return db
    .select({ reportId: reports.id, receivedDay: reports.receivedDay, box: reportBoxes.box })
    .from(reportBoxes)
    .innerJoin(reports, eq(reports.id, reportBoxes.reportId))
    .where(eq(reportBoxes.recipientId, recipientId))
    .orderBy(desc(reports.receivedDay), desc(reports.id))
    .all();
}

export function countReports(db: Db): number {
  return db.select({ n: count() }).from(reports).get()?.n ?? 0;
}
