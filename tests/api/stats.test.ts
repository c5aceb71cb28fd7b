// GET /api/org/stats: an analyst's exact counts of the organisation's stored reports, with small
// cells withheld. Every report here is sealed to the advocacy organisation, whose analyst asks.
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src/contract/schemas.ts';
import { PERPETRATOR_CODES, REGION_CODES } from '../../src/shared/vocabulary.ts';
import type { TestApp } from '../helpers/app.ts';
import { itRefusesEach } from '../helpers/invalid-request.ts';
import { monthsAgo } from '../helpers/months.ts';
import { analystSetUp, orgStats } from '../helpers/org-stats.ts';
import { submitRecent } from '../helpers/recent-reports.ts';
import type { Session } from '../helpers/staff.ts';

let t: TestApp;
let analyst: Session;
const setUp = analystSetUp((app, session) => {
  t = app;
  analyst = session;
});

const get = (query: string) => orgStats(t, analyst, query);

type Cell = Record<string, string | number | boolean | null>;
type Table = { k: number; by: string[]; total: number | null; cells: Cell[] };

async function submit(times: number, facts: Partial<Facts>): Promise<void> {
  await submitRecent(t, times, facts);
}

async function stats(query: string): Promise<Table> {
  const res = await get(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Table;
}

function cell(table: Table, key: Record<string, string>): Cell {
  const found = table.cells.find((c) => Object.entries(key).every(([d, v]) => c[d] === v));
  if (!found) throw new Error(`no cell ${JSON.stringify(key)}`);
  return found;
}

describe('counts by perpetrator and region', () => {
  it('counts a multi-perpetrator report once per perpetrator, and once in the total', async () => {
    await setUp({ statsK: 3 });
    await submit(3, { perpetrators: ['police', 'serenazgo'], region: '1501' });
    await submit(1, { perpetrators: ['police'], region: '1501' });
    await submit(3, { perpetrators: ['client'], region: '16' });

    const table = await stats('by=perpetrator,region');
    expect(table.k).toBe(3);
    expect(table.by).toEqual(['perpetrator', 'region']);
    expect(table.total).toBe(7);
    expect(table.cells).toHaveLength(PERPETRATOR_CODES.length * REGION_CODES.length);
    expect(cell(table, { perpetrator: 'police', region: '1501' })).toMatchObject({
      count: 4,
      suppressed: false,
    });
    expect(cell(table, { perpetrator: 'serenazgo', region: '1501' })).toMatchObject({
      count: 3,
      suppressed: false,
    });
    expect(cell(table, { perpetrator: 'client', region: '16' })).toEqual({
      perpetrator: 'client',
      region: '16',
      count: 3,
      suppressed: false,
    });
    expect(cell(table, { perpetrator: 'client', region: '1501' })).toMatchObject({
      count: 0,
      suppressed: false,
    });
    const shown = table.cells.reduce(
      (sum, c) => sum + (typeof c.count === 'number' ? c.count : 0),
      0,
    );
    expect(shown).toBe(10); // 4 + 3 + 3: more than the 7 reports, because of the two-perpetrator reports
  });

  it('withholds 1..k-1 with the default k of 5, and shows the cell at 5', async () => {
    await setUp();
    await submit(4, { perpetrators: ['partner'], region: '25' });
    let table = await stats('by=perpetrator,region');
    expect(table.k).toBe(5);
    expect(cell(table, { perpetrator: 'partner', region: '25' })).toMatchObject({
      count: null,
      suppressed: true,
    });
    expect(table.total).toBeNull();
    expect(JSON.stringify(table)).not.toContain('"count":4');

    await submit(1, { perpetrators: ['partner'], region: '25' });
    table = await stats('by=perpetrator,region');
    expect(cell(table, { perpetrator: 'partner', region: '25' })).toMatchObject({
      count: 5,
      suppressed: false,
    });
    expect(table.total).toBe(5);
  });

  it('counts violence types per value and reports once in total', async () => {
    await setUp({ statsK: 2 });
    await submit(2, { violence: ['rape', 'physical', 'robbery'] });
    const table = await stats('by=violence');
    expect(table.total).toBe(2);
    for (const code of ['rape', 'physical', 'robbery'])
      expect(cell(table, { violence: code }).count).toBe(2);
    expect(cell(table, { violence: 'homicide' }).count).toBe(0);
  });
});

describe('from and to', () => {
  it('count only reports whose incident month lies within the bounds, inclusive', async () => {
    await setUp({ statsK: 2 });
    await submit(2, { incidentMonth: monthsAgo(30), region: '08' });
    await submit(3, { incidentMonth: monthsAgo(6), region: '08' });
    await submit(2, { incidentMonth: monthsAgo(2), region: '08' });

    expect((await stats('by=region')).total).toBe(7);
    const recent = await stats(`by=region&from=${monthsAgo(6)}`);
    expect(recent.total).toBe(5);
    expect(cell(recent, { region: '08' }).count).toBe(5);
    const older = await stats(`by=region&to=${monthsAgo(6)}`);
    expect(cell(older, { region: '08' }).count).toBe(5);
    const exact = await stats(`by=region&from=${monthsAgo(6)}&to=${monthsAgo(6)}`);
    expect(cell(exact, { region: '08' }).count).toBe(3);
    const none = await stats(`by=region&from=${monthsAgo(5)}&to=${monthsAgo(3)}`);
    expect(none.total).toBe(0);
    expect(none.cells.every((c) => c.count === 0)).toBe(true);
  });

  it('a month table lists every month from..to, zeros included', async () => {
    await setUp({ statsK: 2 });
    await submit(2, { incidentMonth: monthsAgo(4) });
    const table = await stats(`by=month&from=${monthsAgo(6)}&to=${monthsAgo(1)}`);
    expect(table.cells.map((c) => c.month)).toEqual([6, 5, 4, 3, 2, 1].map((n) => monthsAgo(n)));
    expect(table.cells.map((c) => c.count)).toEqual([0, 0, 2, 0, 0, 0]);
  });

  it('without bounds, a month table spans the stored months', async () => {
    await setUp({ statsK: 2 });
    await submit(2, { incidentMonth: monthsAgo(9) });
    await submit(2, { incidentMonth: monthsAgo(7) });
    const table = await stats('by=month');
    expect(table.cells.map((c) => c.month)).toEqual([monthsAgo(9), monthsAgo(8), monthsAgo(7)]);
    expect(table.cells.map((c) => c.count)).toEqual([2, 0, 2]);
  });

  it('allows a month table of exactly 240 months and refuses 241', async () => {
    await setUp();
    const ok = await stats('by=month&from=2001-01&to=2020-12');
    expect(ok.cells).toHaveLength(240);
    const res = await get('by=month&from=2001-01&to=2021-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'range_too_wide',
      issues: [{ path: 'querystring.from' }],
    });
  });

  it('refuses a month table whose open end, taken from the data, makes it too wide', async () => {
    await setUp();
    await submit(1, { incidentMonth: monthsAgo(1) });
    const res = await get('by=month&from=1990-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('range_too_wide');
  });

  it('allows a wide range when the table is not by month', async () => {
    await setUp();
    expect((await stats('by=region&from=1900-01&to=2999-12')).total).toBe(0);
  });
});

describe('bad parameters', () => {
  itRefusesEach(
    [
      ['an unknown dimension', 'by=city', 'querystring.by'],
      ['a sealed field as dimension', 'by=narrative', 'querystring.by'],
      ['four dimensions', 'by=region,perpetrator,violence,month', 'querystring.by'],
      ['a repeated dimension', 'by=region,region', 'querystring.by'],
      ['an empty by', 'by=', 'querystring.by'],
      ['no by', 'from=2026-01', 'querystring.by'],
      ['by given twice', 'by=region&by=month', 'querystring.by'],
      ['a malformed from', 'by=region&from=2026-1', 'querystring.from'],
      ['an impossible to', 'by=region&to=2026-13', 'querystring.to'],
      ['from after to', 'by=region&from=2026-05&to=2026-04', 'querystring.from'],
      ['an unknown parameter', 'by=region&k=1', 'querystring'],
    ],
    async (query) => {
      await setUp();
      return get(query);
    },
    (body) => {
      expect(Object.keys(body)).toEqual(['error']);
      expect(typeof body.error.message).toBe('string');
    },
  );

  it('a client cannot lower k through the query', async () => {
    await setUp();
    await submit(1, { region: '17' });
    const res = await get('by=region&k=1');
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.issues.map((i: { message: string }) => i.message)
        .join(' '),
    ).toContain('k');
    expect(res.body).not.toContain('"count":1');
  });
});
