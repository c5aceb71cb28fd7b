// The in-memory running totals must notice reports written by another connection (for example
// a second process), not only by this one.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.ts';
import { insertOrganisation } from '../../db/organisations-repo.ts';
import { storeReport } from '../../db/reports-repo.ts';
import { countBy } from '../../db/stats-repo.ts';
import { validFacts } from '../helpers/reports.ts';

const handles: DbHandle[] = [];
let dir = '';
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function store(h: DbHandle, i: number): void {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  storeReport(
    h.db,
    { id, facts: validFacts({ incidentMonth: '2026-01', region: '16' }), sealed: [] },
    [{ recipientId: 'org', box: Buffer.alloc(1) }],
    `h${i}`,
    '2026-01-02',
  );
}

it('sees a report stored through another connection to the same file', () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'voz-cache-'));
  const file = path.join(dir, 'db.sqlite');
  const reader = createDb(file);
  handles.push(reader);
  insertOrganisation(reader.db, {
    id: 'org',
    name: 'org (ficticia)',
    role: 'advocacy',
    publicKey: Buffer.alloc(32),
    synthetic: true,
    createdDay: '2026-01-01',
  });
  store(reader, 1);
  const query = { by: ['region' as const], from: '2026-01', to: '2026-01' };
  const before = countBy(reader.db, query);
  expect(before.total).toBe(1);
  const writer = createDb(file);
  handles.push(writer);
  store(writer, 2);
  store(writer, 3);
  const after = countBy(reader.db, query);
  expect(after.total).toBe(3);
  expect(after.counts).toEqual([{ key: ['16'], count: 3 }]);
});
