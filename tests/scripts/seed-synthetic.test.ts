// Generated reports go only into a database labelled synthetic, never beside real ones.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { statsTable } from '../../api/services/workspace/stats-table.ts';
import { createDb } from '../../db/client.ts';
import { insertOrganisation } from '../../db/repos/organisations-repo.ts';
import { storeReport } from '../../db/repos/reports-repo.ts';
import { countFromReports } from '../../db/stats/stats-repo.ts';
import { seedSynthetic, syntheticState } from '../../scripts/seed-synthetic.ts';
import { utcDay } from '../../src/shared/months.ts';
import { answerPublicQuery } from '../../src/statistics/public-query.ts';
import { validFacts } from '../helpers/reports.ts';
import { publishTestSnapshot } from '../helpers/snapshots.ts';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('fills an empty database, labels it synthetic, and the statistics say so', async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'voz-seed-'));
  const file = path.join(dir, 'synthetic.db');
  seedSynthetic(file, 500, 1);
  expect(syntheticState(file)).toEqual({ reports: 500, synthetic: true });
  const handle = createDb(file);
  const table = statsTable(handle.db, { by: ['perpetrator'] }, 5);
  expect(table.synthetic).toBe(true);
  // The counters were built for the bulk load: they agree with the report rows.
  expect(table.total).toBe(500);
  const rows = countFromReports(handle.db, { by: ['perpetrator'] });
  const shown = table.cells.filter((c) => !c.suppressed);
  expect(shown.length).toBeGreaterThan(0);
  for (const cell of shown) {
    expect(rows.counts.find((c) => c.key[0] === cell.perpetrator)?.count ?? 0).toBe(cell.count);
  }
  // The public figures, from a snapshot, say it too.
  const snapshot = publishTestSnapshot(handle.db, utcDay(new Date()));
  expect(answerPublicQuery(snapshot, { by: ['perpetrator'] }).synthetic).toBe(true);
  handle.close();
  // Adding more to a synthetic database is allowed.
  seedSynthetic(file, 10, 2);
  expect(syntheticState(file).reports).toBe(510);
});

it('refuses a database that holds reports not labelled synthetic, and adds nothing', () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'voz-seed-'));
  const file = path.join(dir, 'real.db');
  const handle = createDb(file);
  insertOrganisation(handle.db, {
    id: 'org',
    name: 'org',
    role: 'advocacy',
    publicKey: Buffer.alloc(32),
    synthetic: false,
    createdDay: '2026-01-01',
  });
  storeReport(
    handle.db,
    { id: '00000000-0000-4000-8000-000000000001', facts: validFacts(), sealed: [] },
    [{ recipientId: 'org', box: Buffer.alloc(1) }],
    'h',
    '2026-01-02',
  );
  handle.close();
  expect(() => seedSynthetic(file, 5, 1)).toThrow(/not labelled synthetic; refusing/);
  expect(syntheticState(file)).toEqual({ reports: 1, synthetic: false });
});
