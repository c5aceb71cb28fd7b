// GET /api/org/stats on a database file is counted in a worker thread, from that thread's own
// copy of the facts (api/services/workspace/org-stats-engine.ts). It must answer exactly what the SQL
// reference answers on the request thread: after reports arrive, are verified and withdrawn,
// and after a restore replaces the whole database under the running service.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { statsTable } from '../../../api/services/workspace/stats-table.ts';
import { backupDatabase, restoreDatabase } from '../../../db/backup.ts';
import { storeReport } from '../../../db/repos/reports-repo.ts';
import { setReportVerified } from '../../../db/repos/verification-repo.ts';
import type { Facts } from '../../../src/contract/schemas.ts';
import {
  IDENTITY_CODES,
  PERPETRATOR_CODES,
  VIOLENCE_CODES,
} from '../../../src/shared/vocabulary.ts';
import { StatsQuerySchema } from '../../../src/statistics/tables.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { monthsAgo } from '../../helpers/months.ts';
import { validFacts } from '../../helpers/reports.ts';
import { addTestStaff, as, type Session, signIn } from '../../helpers/staff.ts';
import { deleteCounted } from '../../helpers/withdraw.ts';

let t: TestApp | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.app.close();
  t = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const K = 2;
const QUERIES = [
  'by=region',
  'by=region,perpetrator,violence',
  'by=perpetrator,violence&region=1501',
  'by=month,identity&violence=physical',
  'by=identity,perpetrator&perpetrator=police&verified=true',
  `by=month,region,gbvType&from=${monthsAgo(10)}&to=${monthsAgo(2)}`,
];

const id = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Report i: facts varying with i, sealed to advocacy, and to legal aid one time in three. */
function store(app: TestApp, i: number): void {
  const facts: Facts = validFacts({
    incidentMonth: monthsAgo(1 + (i % 12)),
    region: (['1501', '1501', '16', '25'] as const)[i % 4],
    perpetrators: [
      PERPETRATOR_CODES[i % 3] as Facts['perpetrators'][number],
      ...(i % 5 === 0 ? (['client'] as const) : []),
    ],
    violence: [VIOLENCE_CODES[(i * 7) % 6] as Facts['violence'][number], 'physical'],
    identity: IDENTITY_CODES[i % 2],
  });
  const boxes = [app.orgs.advocacy, ...(i % 3 === 0 ? [app.orgs.legal] : [])];
  storeReport(
    app.handle.db,
    { id: id(i), facts: { ...facts, violence: [...new Set(facts.violence)] }, sealed: [] },
    boxes.map((org) => ({ recipientId: org.id, box: Buffer.alloc(1) })),
    `hash-${i}`,
    '2026-01-01',
  );
}

/** Every query, through the route and through the SQL reference, for one organisation. */
async function expectReference(app: TestApp, session: Session, orgId: string): Promise<void> {
  for (const query of QUERIES) {
    const res = await app.app.inject({
      method: 'GET',
      url: `/api/org/stats?${query}`,
      headers: as(session),
    });
    expect(res.statusCode, res.body).toBe(200);
    const parsed = StatsQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
    const reference = statsTable(app.handle.db, parsed, K, { orgId });
    expect(res.json(), query).toEqual({ ...reference, confidential: true });
  }
}

describe('exact statistics from a worker thread', () => {
  it('answers as the SQL reference does, through changes and a restore', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'voz-org-stats-'));
    const file = path.join(dir, 'voz.db');
    const app = await buildTestApp({ statsK: K, dbFile: { path: file, busyTimeoutMs: 5000 } });
    t = app;
    expect(app.app.orgStats.thread).toBe('worker');
    for (let i = 0; i < 60; i++) store(app, i);
    const advocacy = await signIn(
      app.app,
      await addTestStaff(app.handle, app.orgs.advocacy, 'analyst'),
    );
    const legal = await signIn(app.app, await addTestStaff(app.handle, app.orgs.legal, 'admin'));
    await expectReference(app, advocacy, app.orgs.advocacy.id);
    await expectReference(app, legal, app.orgs.legal.id);

    // After the worker loaded: verifications, withdrawals (the newest included, whose rowid
    // the next report takes again) and new reports.
    for (const i of [0, 3, 4, 9]) expect(setReportVerified(app.handle.db, id(i), true)).toBe(true);
    expect(setReportVerified(app.handle.db, id(3), false)).toBe(true);
    for (const i of [6, 59, 58]) expect(deleteCounted(app.handle.db, id(i))).toBe(true);
    for (let i = 60; i < 70; i++) store(app, i);
    await expectReference(app, advocacy, app.orgs.advocacy.id);
    await expectReference(app, legal, app.orgs.legal.id);

    // A backup, then only new reports (nothing in the change log): the restore takes them away
    // again, and the worker must not keep counting them.
    const backup = path.join(dir, 'backup.db');
    await backupDatabase(file, backup);
    for (let i = 70; i < 90; i++) store(app, i);
    await expectReference(app, advocacy, app.orgs.advocacy.id);
    await restoreDatabase(backup, file, path.join(dir, 'safety.db'));
    await expectReference(app, advocacy, app.orgs.advocacy.id);
    await expectReference(app, legal, app.orgs.legal.id);
  });

  it('refuses a month table that spans too long, from the worker as from the request thread', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'voz-org-stats-'));
    const app = await buildTestApp({
      dbFile: { path: path.join(dir, 'voz.db'), busyTimeoutMs: 5000 },
    });
    t = app;
    const session = await signIn(
      app.app,
      await addTestStaff(app.handle, app.orgs.advocacy, 'analyst'),
    );
    const res = await app.app.inject({
      method: 'GET',
      url: '/api/org/stats?by=month&from=2000-01&to=2026-01',
      headers: as(session),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'range_too_wide',
      issues: [{ path: 'querystring.from' }],
    });
  });
});
