// GET /api/org/stats filters and the derived GBVIMS dimension, through the real API, as the
// analyst of the organisation every report here is sealed to.
import { afterEach, describe, expect, it } from 'vitest';
import { setReportVerified } from '../../db/verification-repo.ts';
import type { Facts } from '../../src/schemas.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { monthsAgo } from '../helpers/months.ts';
import { analystSession, orgStats } from '../helpers/org-stats.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';
import type { Session } from '../helpers/staff.ts';

let t: TestApp;
let analyst: Session;
afterEach(async () => t?.app.close());

async function setUp(opts: { statsK?: number } = {}): Promise<void> {
  t = await buildTestApp(opts);
  analyst = await analystSession(t, t.orgs.advocacy);
}

type Cell = Record<string, string | number | boolean | null>;
type Table = { total: number | null; filters?: Record<string, string>; cells: Cell[] };

async function submit(times: number, facts: Partial<Facts>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < times; i++) {
    const body = await sealedSubmission(t.orgs, {
      facts: validFacts({ incidentMonth: monthsAgo(1), ...facts }),
    });
    const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
    expect(res.statusCode).toBe(201);
    ids.push(body.id);
  }
  return ids;
}

async function stats(query: string): Promise<Table> {
  const res = await orgStats(t, analyst, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Table;
}

const count = (table: Table, key: Record<string, string>): number | null | undefined =>
  table.cells.find((c) => Object.entries(key).every(([d, v]) => c[d] === v))?.count as
    | number
    | null
    | undefined;

async function seed(): Promise<void> {
  await submit(3, { region: '1501', perpetrators: ['police', 'serenazgo'], violence: ['rape'] });
  await submit(2, { region: '1501', perpetrators: ['client'], violence: ['robbery', 'threats'] });
  await submit(4, { region: '16', perpetrators: ['police'], violence: ['physical', 'threats'] });
}

describe('filters', () => {
  it('region keeps only that region, and is echoed back', async () => {
    await setUp({ statsK: 2 });
    await seed();
    const table = await stats('by=perpetrator&region=16');
    expect(table.total).toBe(4);
    expect(table.filters).toEqual({ region: '16' });
    expect(count(table, { perpetrator: 'police' })).toBe(4);
    expect(count(table, { perpetrator: 'serenazgo' })).toBe(0);
  });

  it('perpetrator keeps reports naming it, still counted once per value of other facts', async () => {
    await setUp({ statsK: 2 });
    await seed();
    const table = await stats('by=violence&perpetrator=police');
    expect(table.total).toBe(7);
    expect(count(table, { violence: 'rape' })).toBe(3);
    expect(count(table, { violence: 'threats' })).toBe(4);
    expect(count(table, { violence: 'robbery' })).toBe(0);
    // Grouping by the filtered fact shows what co-occurs with it.
    const co = await stats('by=perpetrator&perpetrator=police');
    expect(count(co, { perpetrator: 'police' })).toBe(7);
    expect(count(co, { perpetrator: 'serenazgo' })).toBe(3);
    expect(count(co, { perpetrator: 'client' })).toBe(0);
  });

  it('violence and region combine', async () => {
    await setUp({ statsK: 2 });
    await seed();
    const table = await stats('by=region&violence=threats&region=1501');
    expect(table.total).toBe(2);
    expect(count(table, { region: '1501' })).toBe(2);
    expect(count(table, { region: '16' })).toBe(0);
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
    await setUp({ statsK: 2 });
    await seed();
    const table = await stats('by=gbvType');
    expect(table.total).toBe(9);
    expect(count(table, { gbvType: 'rape' })).toBe(3);
    expect(count(table, { gbvType: 'denial_of_resources' })).toBe(2);
    expect(count(table, { gbvType: 'physical_assault' })).toBe(4);
    expect(count(table, { gbvType: 'psychological_abuse' })).toBe(0);
    const sum = table.cells.reduce((s, c) => s + (c.count as number), 0);
    expect(sum).toBe(9);
  });

  it('crosses with region and perpetrator', async () => {
    await setUp({ statsK: 2 });
    await seed();
    const table = await stats('by=gbvType,perpetrator,region');
    expect(count(table, { gbvType: 'rape', perpetrator: 'serenazgo', region: '1501' })).toBe(3);
  });
});

describe('bad filter values', () => {
  it.each([
    ['an unknown region', 'by=region&region=99', 'querystring.region'],
    ['a region name instead of its code', 'by=region&region=Lima', 'querystring.region'],
    ['an unknown perpetrator', 'by=region&perpetrator=boss', 'querystring.perpetrator'],
    ['two perpetrators', 'by=region&perpetrator=police,client', 'querystring.perpetrator'],
    ['an unknown violence', 'by=region&violence=fraud', 'querystring.violence'],
    ['verified=false', 'by=region&verified=false', 'querystring.verified'],
    ['verified=1', 'by=region&verified=1', 'querystring.verified'],
    ['an unknown GBVIMS dimension', 'by=gbv', 'querystring.by'],
    ['region given twice', 'by=region&region=01&region=02', 'querystring.region'],
  ])('%s (?%s) → 400 naming %s', async (_what, query, path) => {
    await setUp();
    const res = await orgStats(t, analyst, query);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('invalid_request');
    const paths: string[] = body.error.issues.map((i: { path: string }) => i.path);
    expect(
      paths.some((p) => p === path || p.startsWith(`${path}.`)),
      paths.join(),
    ).toBe(true);
  });

  it('says what verified accepts', async () => {
    await setUp();
    const res = await orgStats(t, analyst, 'by=region&verified=yes');
    expect(res.json().error.issues[0].message).toContain('only `true`');
  });
});
