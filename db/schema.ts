// The single source of truth for the database. Only ciphertext and coarse, de-identified facts
// live here: no IP address, no user agent, and no time finer than a UTC day.
import { sql } from 'drizzle-orm';
import {
  blob,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { IDENTIFIER_KINDS } from '../src/crypto/identifiers.ts';
import { CASE_STATUSES, TRIAGE_STATUSES } from '../src/shared/case-status.ts';
import { MESSAGE_KINDS } from '../src/shared/message-kinds.ts';
import { STAFF_ROLES } from '../src/shared/staff-roles.ts';

/** A list of codes as SQL text, `('a', 'b')`, for CHECK constraints (the codes are ours). */
const sqlList = (codes: readonly string[]) => sql.raw(`(${codes.map((c) => `'${c}'`).join(', ')})`);

export const organisations = sqliteTable(
  'organisations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ['advocacy', 'legal_aid'] }).notNull(),
    publicKey: blob('public_key', { mode: 'buffer' }).notNull(),
    synthetic: integer('synthetic', { mode: 'boolean' }).notNull().default(false),
    createdDay: text('created_day').notNull(),
  },
  (t) => [check('organisations_role', sql`${t.role} in ('advocacy', 'legal_aid')`)],
);

export const reports = sqliteTable(
  'reports',
  {
    id: text('id').primaryKey(),
    incidentMonth: text('incident_month').notNull(),
    region: text('region').notNull(),
    identity: text('identity').notNull(),
    ageBand: text('age_band').notNull(),
    nationality: text('nationality').notNull(),
    setting: text('setting').notNull(),
    reportedToAuthority: text('reported_to_authority').notNull(),
    channel: text('channel').notNull(),
    // Derived from the violence codes at insert (src/shared/gbvims.ts), so statistics can group by it.
    gbvType: text('gbv_type').notNull().default('unclassified'),
    // The multi-valued facts, each a JSON array of distinct codes in code order. They live in
    // the report row rather than in tables of their own (migration 0008): two tables keyed by
    // the report id put a random page of each, and of each of their indexes, into every
    // commit (about 40 % of the cost of storing a report). Queries expand them with json_each.
    // Write them only through codeList (db/repos/reports-repo.ts): the counter catch-up groups
    // reports by this text, and a value that is not a JSON array would stop it.
    perpetrators: text('perpetrators', { mode: 'json' }).$type<string[]>().notNull().default([]),
    violence: text('violence', { mode: 'json' }).$type<string[]>().notNull().default([]),
    // Set by an organisation after triage; statistics can be limited to verified reports.
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    // SHA-256 of the canonical request body, so that a retry can be told from a clash.
    bodyHash: text('body_hash').notNull(),
    receivedDay: text('received_day').notNull(),
    // Unused since the counter tables went (migration 0013); kept because dropping a column
    // rebuilds the whole table.
    counted: integer('counted', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('reports_month').on(t.incidentMonth), index('reports_region').on(t.region)],
);

// report_boxes, report_messages, report_follow_ups and removed_reports are WITHOUT ROWID tables
// keyed by random ids (migration 0014, by hand: drizzle cannot declare it), and reports' rowids
// are shuffled as it grows (db/repos/reports-repo.ts): no table keeps the order reporters acted in.
export const reportBoxes = sqliteTable(
  'report_boxes',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    recipientId: text('recipient_id')
      .notNull()
      .references(() => organisations.id),
    box: blob('box', { mode: 'buffer' }).notNull(),
    // Each organisation triages its own copy. Neither status identifies anyone, so both are in
    // clear. The case status is used by legal-aid organisations' intake queue.
    status: text('status', { enum: TRIAGE_STATUSES }).notNull().default('new'),
    caseStatus: text('case_status', { enum: CASE_STATUSES }).notNull().default('new'),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.recipientId] }),
    index('report_boxes_recipient').on(t.recipientId),
  ],
);

// Labels for the whole database, such as `synthetic` = 'true' for generated test data.
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// Frozen, public snapshots of chosen tables. A row is never updated: a correction is a new
// release whose `corrects` names the old one. The noise seed of a DP release is not stored:
// with it, anyone could subtract the noise.
export const releases = sqliteTable(
  'releases',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    publishedDay: text('published_day').notNull(),
    corrects: text('corrects'),
    // The whole published document (method note and tables), exactly as served.
    document: text('document').notNull(),
  },
  (t) => [index('releases_org').on(t.orgId), index('releases_corrects').on(t.corrects)],
);

// Bearer tokens that let an organisation publish releases; only the SHA-256 is kept.
export const releaseTokens = sqliteTable('release_tokens', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organisations.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdDay: text('created_day').notNull(),
});

// Every ε an organisation spent on differentially private releases before public snapshots
// (issue 12). No longer written: releases now take a snapshot's tables and spend nothing.
export const privacyLedger = sqliteTable(
  'privacy_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    releaseId: text('release_id')
      .notNull()
      .references(() => releases.id),
    epsilon: real('epsilon').notNull(),
    day: text('day').notNull(),
  },
  (t) => [index('privacy_ledger_org').on(t.orgId)],
);

// Staff are not anonymous; reporters are. Nothing here is report content.

export const staff = sqliteTable(
  'staff',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    // Unique within an organisation only (migration 0015): refusing an address that another
    // organisation uses told its administrator who works there (security review).
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    // crypto_pwhash_str (Argon2id), with its parameters and salt.
    passwordHash: text('password_hash').notNull(),
    // The organisation's private key, wrapped in the browser under this member's passphrase
    // (src/crypto/key-wrap.ts). Null for analysts, who never decrypt.
    wrappedKey: text('wrapped_key'),
    totpSecret: text('totp_secret'),
    totpEnabled: integer('totp_enabled', { mode: 'boolean' }).notNull().default(false),
    // The last 30-second step whose code was accepted, so a code cannot be used twice.
    totpLastStep: integer('totp_last_step').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdDay: text('created_day').notNull(),
  },
  (t) => [
    check('staff_role', sql`${t.role} in ${sqlList(STAFF_ROLES)}`),
    index('staff_org').on(t.orgId),
    uniqueIndex('staff_org_email').on(t.orgId, t.email),
    index('staff_email').on(t.email),
  ],
);

// Only the SHA-256 of a session token is stored, so a copy of the database opens no session.
// Staff session times are kept to the millisecond for idle expiry: they describe staff, not
// reporters.
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('staff_sessions_staff').on(t.staffId)],
);

// Who did what to which report, and when; never any content.
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orgId: text('org_id').notNull(),
    staffId: text('staff_id'),
    action: text('action').notNull(),
    reportId: text('report_id'),
    subjectStaffId: text('subject_staff_id'),
    at: integer('at').notNull(),
  },
  (t) => [index('audit_log_org').on(t.orgId, t.at)],
);

// Sealed messages about a report (the kinds: src/crypto/message-box.ts). Only ciphertext and a day.

export const reportMessages = sqliteTable(
  'report_messages',
  {
    id: text('id').primaryKey(),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    box: blob('box', { mode: 'buffer' }).notNull(),
    day: text('day').notNull(),
  },
  (t) => [index('report_messages_report').on(t.reportId, t.orgId)],
);

// Follow-up without an account. The receipt code never leaves the reporter's browser; from it the
// browser derives a lookup token (stored here only as a SHA-256) and a reply key pair (only the
// public half is stored, so replies can be sealed to the reporter).
export const reportFollowUps = sqliteTable('report_follow_ups', {
  reportId: text('report_id')
    .primaryKey()
    .references(() => reports.id, { onDelete: 'cascade' }),
  lookupHash: text('lookup_hash').notNull().unique(),
  replyPublicKey: blob('reply_public_key', { mode: 'buffer' }).notNull(),
});

// What a report names to recognise the perpetrator, only as oblivious-PRF tags (src/crypto/oprf.ts;
// the key is outside the database, so these rows alone test no guess). WITHOUT ROWID (0016).
export const reportTags = sqliteTable(
  'report_tags',
  {
    tag: blob('tag', { mode: 'buffer' }).notNull(),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: IDENTIFIER_KINDS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tag, t.reportId] }),
    index('report_tags_report').on(t.reportId),
    check('report_tags_kind', sql`${t.kind} in ${sqlList(IDENTIFIER_KINDS)}`),
  ],
);

// Report rows changed after they were stored (deleted, a counted fact or `verified` changed), by
// rowid, in order; written only by triggers (0011), read by db/stats/fact-index.ts to catch up.
// AUTOINCREMENT: `seq` never goes back, so a reader that finds a gap reloads everything.
export const reportChanges = sqliteTable('report_changes', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  reportRowid: integer('report_rowid').notNull(),
});

// Withdrawn or deleted reports, by the SHA-256 of their id only: a phone that still holds one
// (it never heard the answer) is told so when it sends it again, and nothing is stored again.
export const removedReports = sqliteTable('removed_reports', {
  idHash: text('id_hash').primaryKey(),
});

// Public statistics are published only from snapshots (src/statistics/, db/stats/snapshots.ts).
// A snapshot covers the reports received up to `through` (a UTC day) and holds the whole public
// catalogue, noisy and post-processed, exactly as served. A row is never changed.
export const statSnapshots = sqliteTable('stat_snapshots', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  through: text('through').notNull().unique(),
  publishedDay: text('published_day').notNull(),
  // Noise parameters and privacy accounting of this snapshot (JSON).
  params: text('params').notNull(),
  // The published catalogue (JSON), served as it is.
  document: text('document').notNull(),
});

// The state behind the snapshots, per (scope, table, cell): `basis`, the exact count published
// so far (the next snapshot publishes only the change: how a withdrawal becomes a correction),
// `noisy` the sum of noisy increments, `variance` theirs (public). Never served.
export const statPublicCells = sqliteTable(
  'stat_public_cells',
  {
    scope: text('scope').notNull(),
    tbl: text('tbl').notNull(),
    cell: text('cell').notNull(),
    basis: integer('basis').notNull(),
    noisy: integer('noisy').notNull(),
    variance: real('variance').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.tbl, t.cell] })],
);
