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
