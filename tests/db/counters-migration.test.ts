// Migration 0007 is partly written by hand (drizzle cannot declare WITHOUT ROWID). It must keep
// every counter, and leave one B-tree: no rowid table, no separate covering index.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.ts';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

let handle: DbHandle;
afterEach(() => handle?.close());

it('moves every counter into a WITHOUT ROWID table and drops the covering index', () => {
  handle = createDb(':memory:');
  const { sqlite } = handle;
  // The table as migrations 0002-0006 left it.
  sqlite.exec(`drop table stat_counters;
    ${readFileSync(path.join(MIGRATIONS, '0002_stat-counters.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .filter((s) => s.includes('stat_counters'))
      .join(';')}`);
  const insert = sqlite.prepare(
    'insert into stat_counters (scope, pair, month, a, b, n) values (?, ?, ?, ?, ?, ?)',
  );
  const rows = [
    [0, '', '2026-01', '', '', 7],
    [0, 'region', '2026-01', '15', '', 4],
    [0, 'region|perpetrator', '2026-02', '15', 'police', 3],
    [1, 'region', '2026-01', '15', '', 2],
  ];
  for (const r of rows) insert.run(...r);
  expect(
    sqlite.prepare("select sql from sqlite_master where name = 'stat_counters'").get(),
  ).not.toMatchObject({ sql: expect.stringContaining('WITHOUT ROWID') });

  for (const statement of readFileSync(
    path.join(MIGRATIONS, '0007_counters-without-rowid.sql'),
    'utf8',
  ).split('--> statement-breakpoint'))
    sqlite.exec(statement);

  const after = sqlite
    .prepare('select scope, pair, month, a, b, n from stat_counters order by scope, pair, month')
    .raw()
    .all();
  expect(after).toEqual(rows);
  const table = sqlite
    .prepare("select sql from sqlite_master where name = 'stat_counters'")
    .get() as {
    sql: string;
  };
  expect(table.sql).toContain('WITHOUT ROWID');
  const indexes = sqlite
    .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'stat_counters'")
    .all();
  // The primary key is the table itself: no index of its own, and no covering index.
  expect(indexes).toEqual([]);
  // The upsert the write path uses still finds its conflict target.
  sqlite
    .prepare(
      `insert into stat_counters (scope, pair, month, a, b, n) values (0, '', '2026-01', '', '', 1)
       on conflict (scope, pair, month, a, b) do update set n = n + excluded.n`,
    )
    .run();
  expect(sqlite.prepare("select n from stat_counters where pair = '' and scope = 0").get()).toEqual(
    {
      n: 8,
    },
  );
});

it('a new database has the same WITHOUT ROWID counters', () => {
  handle = createDb(':memory:');
  const table = handle.sqlite
    .prepare("select sql from sqlite_master where name = 'stat_counters'")
    .get() as { sql: string };
  expect(table.sql).toContain('WITHOUT ROWID');
});
