// The migration that added gbv_type derives it in SQL for older reports. It must agree with
// src/shared/gbvims.ts, or old and new reports would be counted under different types.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.ts';
import { primaryGbvType } from '../../src/shared/gbvims.ts';
import { VIOLENCE_CODES, type ViolenceCode } from '../../src/shared/vocabulary.ts';

const MIGRATION = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../db/migrations/0001_report-gbv-type-verified.sql',
);

let handle: DbHandle;
afterEach(() => handle?.close());

it('the SQL backfill gives every combination the type primaryGbvType gives', () => {
  handle = createDb(':memory:');
  // Violence codes had a table of their own then (until migration 0008).
  handle.sqlite.exec('create table report_violence (report_id text not null, code text not null)');
  const update = readFileSync(MIGRATION, 'utf8')
    .split('--> statement-breakpoint')
    .find((s) => s.includes('UPDATE `reports`'));
  expect(update).toBeDefined();
  const insertReport = handle.sqlite.prepare(
    `insert into reports (id, incident_month, region, identity, age_band, nationality, setting,
      reported_to_authority, channel, gbv_type, body_hash, received_day)
     values (?, '2026-01', '01', 'woman', '18_24', 'peruvian', 'street', 'no', 'self', 'x', 'h', '2026-01-01')`,
  );
  const insertViolence = handle.sqlite.prepare(
    'insert into report_violence (report_id, code) values (?, ?)',
  );
  const cases: ViolenceCode[][] = [
    ...VIOLENCE_CODES.map((c) => [c]),
    ...VIOLENCE_CODES.flatMap((a, i) => VIOLENCE_CODES.slice(i + 1).map((b) => [a, b])),
  ];
  cases.forEach((codes, i) => {
    insertReport.run(`r${i}`);
    for (const code of codes) insertViolence.run(`r${i}`, code);
  });
  handle.sqlite.exec(update ?? '');
  const rows = handle.sqlite.prepare('select id, gbv_type from reports').all() as Array<{
    id: string;
    gbv_type: string;
  }>;
  const got = new Map(rows.map((r) => [r.id, r.gbv_type]));
  cases.forEach((codes, i) => {
    expect(got.get(`r${i}`), codes.join('+')).toBe(primaryGbvType(codes));
  });
});
