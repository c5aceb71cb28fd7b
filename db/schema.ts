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
} from 'drizzle-orm/sqlite-core';

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
    // Derived from the violence codes at insert (src/gbvims.ts), so statistics can group by it.
    gbvType: text('gbv_type').notNull().default('unclassified'),
    // Set by an organisation after triage; statistics can be limited to verified reports.
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    // SHA-256 of the canonical request body, so that a retry can be told from a clash.
    bodyHash: text('body_hash').notNull(),
    receivedDay: text('received_day').notNull(),
  },
  (t) => [index('reports_month').on(t.incidentMonth), index('reports_region').on(t.region)],
);

export const reportPerpetrators = sqliteTable(
  'report_perpetrators',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.code] }),
    index('report_perpetrators_code').on(t.code),
  ],
);

export const reportViolence = sqliteTable(
  'report_violence',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.code] }), index('report_violence_code').on(t.code)],
);

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
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.recipientId] }),
    index('report_boxes_recipient').on(t.recipientId),
  ],
);

// Pre-aggregated counts, so that a statistics query never reads the report rows. One row per
// (scope, pair of facts, month, codes). `pair` names at most two facts in FIXED_DIMENSIONS order
// joined by '|' ('' for the report total); `a` and `b` hold their codes ('' when unused). Scope
// 0 counts every report, scope 1 only verified ones. Kept in step with `reports` in the same
// transaction (db/stats-counters-write.ts).
export const statCounters = sqliteTable(
  'stat_counters',
  {
    scope: integer('scope').notNull(),
    pair: text('pair').notNull(),
    month: text('month').notNull(),
    a: text('a').notNull(),
    b: text('b').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.pair, t.month, t.a, t.b] }),
    // Covers the reads, so loading a pair never visits the table itself.
    index('stat_counters_read').on(t.scope, t.pair, t.month, t.a, t.b, t.n),
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

// Every ε an organisation spends on differentially private releases.
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
