// Complementary suppression as an analyst reading GET /api/org/stats sees it: exact figures for
// staff still withhold small cells. Every report here is sealed to the analyst's organisation.
import { afterEach, expect, it } from 'vitest';
import type { Facts } from '../../src/contract/schemas.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { monthsAgo } from '../helpers/months.ts';
import { analystSession, orgStats } from '../helpers/org-stats.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';
import type { Session } from '../helpers/staff.ts';

let t: TestApp;
let analyst: Session;
afterEach(async () => t?.app.close());

async function setUp(statsK: number): Promise<void> {
  t = await buildTestApp({ statsK });
  analyst = await analystSession(t, t.orgs.advocacy);
}

type Cell = Record<string, string | number | boolean | null>;

async function submit(times: number, facts: Partial<Facts>): Promise<void> {
  for (let i = 0; i < times; i++) {
    const body = await sealedSubmission(t.orgs, {
      facts: validFacts({ incidentMonth: monthsAgo(1), ...facts }),
    });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/reports', payload: body })).statusCode,
    ).toBe(201);
  }
}

it('withholds a rectangle around a small cell, so its row and column cannot give it away', async () => {
  await setUp(3);
  await submit(4, { perpetrators: ['police'], region: '1501' });
  await submit(3, { perpetrators: ['client'], region: '1501' });
  await submit(1, { perpetrators: ['police'], region: '16' });
  await submit(5, { perpetrators: ['client'], region: '16' });
  const res = await orgStats(t, analyst, 'by=perpetrator,region');
  expect(res.statusCode, res.body).toBe(200);
  const table = res.json() as { total: number; cells: Cell[] };
  const hidden = table.cells
    .filter((c) => c.suppressed)
    .map((c) => `${c.perpetrator}/${c.region}`)
    .sort();
  expect(hidden).toEqual(['client/1501', 'client/16', 'police/1501', 'police/16']);
  for (const c of table.cells.filter((x) => x.suppressed)) expect(c.count).toBeNull();
  expect(table.total).toBe(13);
  // Nothing published sums to a withheld value: the four withheld cells could be 4,3,1,5 or
  // 3,4,2,4, and both agree with every row, column and the total.
  expect(res.body).not.toMatch(/"count":[1-9]\b/);
});

it('withholds a whole table when no safe pattern exists, and says so', async () => {
  await setUp(5);
  await submit(2, { region: '16' });
  const res = await orgStats(t, analyst, 'by=region');
  expect(res.statusCode, res.body).toBe(200);
  const table = res.json() as { total: null; withheld: boolean; cells: Cell[] };
  expect(table.withheld).toBe(true);
  expect(table.total).toBeNull();
  expect(table.cells.every((c) => c.count === null && c.suppressed)).toBe(true);
});
