// The single source of truth for the database. Only ciphertext and coarse, de-identified facts
// live here: no IP address, no user agent, and no time finer than a UTC day.
import { sql } from 'drizzle-orm';
import {
  blob,
  check,
  index,
  integer,
  primaryKey,
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

// Pre-aggregated counts, so that a statistics query reads a few thousand rows whatever the
// number of reports. One row per (scope, pair of facts, month or year, codes). `pair` names at
// most two facts in FIXED_DIMENSIONS order joined by '|' ('' for the report total); `a` and `b`
// hold their codes ('' when unused). Scope 0 counts every report, scope 1 only verified ones.
// Kept in step with `reports` in the same transaction (db/stats-counters-write.ts).
export const statCounters = sqliteTable(
  'stat_counters',
  {
    scope: integer('scope').notNull(),
    pair: text('pair').notNull(),
    grain: text('grain', { enum: ['m', 'y'] }).notNull(),
    bucket: text('bucket').notNull(),
    a: text('a').notNull(),
    b: text('b').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.pair, t.grain, t.bucket, t.a, t.b] }),
    // Covers every read, so a query never visits the table itself (about twice as fast).
    index('stat_counters_read').on(t.scope, t.pair, t.grain, t.bucket, t.a, t.b, t.n),
  ],
);

// Labels for the whole database, such as `synthetic` = 'true' for generated test data.
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
