// Migration 0008 moves perpetrator and violence codes from their own tables into the report
// row, partly by hand. A code lost or added here would change published counts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.ts';
import { FactIndex } from '../../db/stats/fact-index.ts';
import { type CountQuery, countFromReports } from '../../db/stats/stats-repo.ts';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

let handle: DbHandle;
afterEach(() => handle?.close());

function statements(file: string): string[] {
  return readFileSync(path.join(MIGRATIONS, file), 'utf8').split('--> statement-breakpoint');
}

it('carries every code of every report into its row, in code order, and counts the same', () => {
  handle = createDb(':memory:');
  const { sqlite } = handle;
  // Back to the tables as migration 0000 made them, with the columns gone.
  sqlite.exec(
    'alter table reports drop column perpetrators; alter table reports drop column violence',
  );
  for (const s of statements('0000_init.sql').filter((s) =>
    /report_(perpetrators|violence)/.test(s),
  ))
    sqlite.exec(s);
  const insertReport = sqlite.prepare(
    `insert into reports (id, incident_month, region, identity, age_band, nationality, setting,
      reported_to_authority, channel, gbv_type, body_hash, received_day)
     values (?, '2026-01', ?, 'woman', '18_24', 'peruvian', 'street', 'no', 'self', 'other', 'h', '2026-01-01')`,
  );
  const perp = sqlite.prepare('insert into report_perpetrators (report_id, code) values (?, ?)');
  const viol = sqlite.prepare('insert into report_violence (report_id, code) values (?, ?)');
  const reports = [
    { id: 'a', region: '15', p: ['serenazgo', 'police'], v: ['threats'] },
    { id: 'b', region: '15', p: ['client'], v: ['robbery', 'physical', 'extortion'] },
    { id: 'c', region: '16', p: ['police'], v: ['physical'] },
  ];
  for (const r of reports) {
    insertReport.run(r.id, r.region);
    for (const code of r.p) perp.run(r.id, code);
    for (const code of r.v) viol.run(r.id, code);
  }

  for (const s of statements('0008_codes-in-report-row.sql')) sqlite.exec(s);

  const rows = sqlite.prepare('select id, perpetrators, violence from reports order by id').all();
  expect(rows).toEqual(
    reports.map((r) => ({
      id: r.id,
      perpetrators: JSON.stringify([...r.p].sort()),
      violence: JSON.stringify([...r.v].sort()),
    })),
  );
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name like 'report_%'")
    .all()
    .map((t) => (t as { name: string }).name);
  expect(tables).not.toContain('report_perpetrators');
  expect(tables).not.toContain('report_violence');

  // The counts read from the moved codes, by SQL and by the staff engine's in-memory copy.
  const cells = (r: { counts: ReadonlyArray<{ key: readonly string[]; count: number }> }) =>
    Object.fromEntries(r.counts.map((c) => [c.key.join('/'), c.count]));
  const index = new FactIndex(sqlite);
  const fromIndex = (_db: unknown, q: CountQuery) => index.count(q);
  for (const count of [countFromReports, fromIndex]) {
    const byPerpetrator = count(handle.db, { by: ['perpetrator', 'region'] });
    expect(byPerpetrator.total, count.name).toBe(3);
    expect(cells(byPerpetrator), count.name).toEqual({
      'client/15': 1,
      'police/15': 1,
      'police/16': 1,
      'serenazgo/15': 1,
    });
    const physical = count(handle.db, { by: ['region'], violence: 'physical' });
    expect(cells(physical), count.name).toEqual({ '15': 1, '16': 1 });
  }
});
