// GET /api/org/stats filters and the derived GBVIMS dimension, through the real API, as the
// analyst of the organisation every report here is sealed to.
import { describe, expect, it } from 'vitest';
import { setReportVerified } from '../../db/repos/verification-repo.ts';
import type { Facts } from '../../src/contract/schemas.ts';
import type { TestApp } from '../helpers/app.ts';
import { itRefusesEach } from '../helpers/invalid-request.ts';
import { analystSetUp, countOf as count, expectCounts, orgStats } from '../helpers/org-stats.ts';
import { submitRecent } from '../helpers/recent-reports.ts';
import type { Session } from '../helpers/staff.ts';

let t: TestApp;
let analyst: Session;
const setUp = analystSetUp((app, session) => {
  t = app;
  analyst = session;
});

type Cell = Record<string, string | number | boolean | null>;
type Table = { total: number | null; filters?: Record<string, string>; cells: Cell[] };

const submit = (times: number, facts: Partial<Facts>) => submitRecent(t, times, facts);

async function stats(query: string): Promise<Table> {
  const res = await orgStats(t, analyst, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Table;
}

async function seed(): Promise<void> {
  await submit(3, { region: '1501', perpetrators: ['police', 'serenazgo'], violence: ['rape'] });
  await submit(2, { region: '1501', perpetrators: ['client'], violence: ['robbery', 'threats'] });
  await submit(4, { region: '16', perpetrators: ['police'], violence: ['physical', 'threats'] });
}

/** The table for `query` over the seeded reports, cells of two or more shown. */
async function seededStats(query: string): Promise<Table> {
  await setUp({ statsK: 2 });
  await seed();
  return stats(query);
}

describe('filters', () => {
  it('region keeps only that region, and is echoed back', async () => {
    const table = await seededStats('by=perpetrator&region=16');
    expect(table.total).toBe(4);
    expect(table.filters).toEqual({ region: '16' });
    expectCounts(table, 'perpetrator', { police: 4, serenazgo: 0 });
  });

  it('perpetrator keeps reports naming it, still counted once per value of other facts', async () => {
    const table = await seededStats('by=violence&perpetrator=police');
    expect(table.total).toBe(7);
    expectCounts(table, 'violence', { rape: 3, threats: 4, robbery: 0 });
    // Grouping by the filtered fact shows what co-occurs with it.
    const co = await stats('by=perpetrator&perpetrator=police');
    expectCounts(co, 'perpetrator', { police: 7, serenazgo: 3, client: 0 });
  });

  it('violence and region combine', async () => {
    const table = await seededStats('by=region&violence=threats&region=1501');
    expect(table.total).toBe(2);
    expectCounts(table, 'region', { '1501': 2, '16': 0 });
  });

  it('verified=true counts only reports an organisation verified', async () => {
    await setUp({ statsK: 2 });
    const ids = await submit(3, { region: '08' });
    await submit(2, { region: '08' });
    expect((await stats('by=region&verified=true')).total).toBe(0);
    for (const id of ids) expect(setReportVerified(t.handle.db, id, true)).toBe(true);
    const table = await stats('by=region&verified=true');
    expect(table.total).toBe(3);
    expect(count(table, { region: '08' })).toBe(3);
    expect((await stats('by=region')).total).toBe(5);
    expect(setReportVerified(t.handle.db, 'no-such-report', true)).toBe(false);
  });
});

describe('the GBVIMS primary type', () => {
  it('counts each report once, under its highest-precedence type', async () => {
    const table = await seededStats('by=gbvType');
    expect(table.total).toBe(9);
    expectCounts(table, 'gbvType', {
      rape: 3,
      denial_of_resources: 2,
      physical_assault: 4,
      psychological_abuse: 0,
    });
    const sum = table.cells.reduce((s, c) => s + (c.count as number), 0);
    expect(sum).toBe(9);
  });

  it('crosses with region and perpetrator', async () => {
    const table = await seededStats('by=gbvType,perpetrator,region');
    expect(count(table, { gbvType: 'rape', perpetrator: 'serenazgo', region: '1501' })).toBe(3);
  });
});

describe('bad filter values', () => {
  itRefusesEach(
    [
      ['an unknown region', 'by=region&region=99', 'querystring.region'],
      ['a region name instead of its code', 'by=region&region=Lima', 'querystring.region'],
      ['an unknown perpetrator', 'by=region&perpetrator=boss', 'querystring.perpetrator'],
      ['two perpetrators', 'by=region&perpetrator=police,client', 'querystring.perpetrator'],
      ['an unknown violence', 'by=region&violence=fraud', 'querystring.violence'],
      ['verified=false', 'by=region&verified=false', 'querystring.verified'],
      ['verified=1', 'by=region&verified=1', 'querystring.verified'],
      ['an unknown GBVIMS dimension', 'by=gbv', 'querystring.by'],
      ['region given twice', 'by=region&region=01&region=02', 'querystring.region'],
    ],
    async (query) => {
      await setUp();
      return orgStats(t, analyst, query);
    },
  );

  it('says what verified accepts', async () => {
    await setUp();
    const res = await orgStats(t, analyst, 'by=region&verified=yes');
    expect(res.json().error.issues[0].message).toContain('only `true`');
  });
});
