// Count tables: every combination is listed (zeros included) and any count from 1 to k-1 is
// withheld, so that a published table never singles out a person.
import { describe, expect, it } from 'vitest';
import { PERPETRATOR_CODES, REGION_CODES, VIOLENCE_CODES } from '../../../src/shared/vocabulary.ts';
import { isSmall } from '../../../src/statistics/suppression.ts';
import {
  buildTable,
  DIMENSIONS,
  type RawCount,
  StatsQuerySchema,
} from '../../../src/statistics/tables.ts';

const K = 5;

function cellFor(
  table: ReturnType<typeof buildTable>,
  key: Record<string, string>,
): ReturnType<typeof buildTable>['cells'][number] {
  const cell = table.cells.find((c) => Object.entries(key).every(([d, code]) => c[d] === code));
  if (!cell) throw new Error(`no cell for ${JSON.stringify(key)}`);
  return cell;
}

describe('isSmall', () => {
  it('is true exactly for 1..k-1', () => {
    expect([0, 1, 4, 5, 6].map((n) => isSmall(n, K))).toEqual([false, true, true, false, false]);
  });
});

describe('buildTable', () => {
  it('lists every combination of codes, in vocabulary order, even with no data', () => {
    const table = buildTable({ by: ['perpetrator', 'region'], counts: [], total: 0, k: K });
    expect(table.cells).toHaveLength(PERPETRATOR_CODES.length * REGION_CODES.length);
    const keys = table.cells.map((c) => `${c.perpetrator}/${c.region}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(table.cells[0]).toMatchObject({ perpetrator: 'police', region: '01' });
    expect(table.cells.at(-1)).toMatchObject({ perpetrator: 'unknown', region: 'undisclosed' });
    expect(table.by).toEqual(['perpetrator', 'region']);
    expect(table.k).toBe(K);
  });

  it('shows zero cells as 0, not suppressed', () => {
    const table = buildTable({ by: ['violence'], counts: [], total: 0, k: K });
    expect(table.cells).toHaveLength(VIOLENCE_CODES.length);
    for (const cell of table.cells) expect(cell).toMatchObject({ count: 0, suppressed: false });
    expect(table.total).toBe(0);
  });

  it.each([1, 2, 3, 4])('suppresses a cell of %i (count null, suppressed true)', (n) => {
    const counts: RawCount[] = [{ key: ['police', '16'], count: n }];
    const table = buildTable({ by: ['perpetrator', 'region'], counts, total: 40, k: K });
    expect(cellFor(table, { perpetrator: 'police', region: '16' })).toEqual({
      perpetrator: 'police',
      region: '16',
      count: null,
      suppressed: true,
    });
  });

  it.each([5, 6, 120])('shows a cell of %i', (n) => {
    const counts: RawCount[] = [{ key: ['police', '16'], count: n }];
    const table = buildTable({ by: ['perpetrator', 'region'], counts, total: 200, k: K });
    expect(cellFor(table, { perpetrator: 'police', region: '16' })).toMatchObject({
      count: n,
      suppressed: false,
    });
  });

  it('places each raw count in its own cell only', () => {
    const counts: RawCount[] = [
      { key: ['police', '1501'], count: 9 },
      { key: ['client', '25'], count: 7 },
      { key: ['client', '1501'], count: 6 },
    ];
    const table = buildTable({ by: ['perpetrator', 'region'], counts, total: 22, k: K });
    expect(cellFor(table, { perpetrator: 'police', region: '1501' }).count).toBe(9);
    expect(cellFor(table, { perpetrator: 'client', region: '25' }).count).toBe(7);
    expect(cellFor(table, { perpetrator: 'client', region: '1501' }).count).toBe(6);
    expect(cellFor(table, { perpetrator: 'police', region: '15' }).count).toBe(0);
    const nonZero = table.cells.filter((c) => c.count !== 0);
    expect(nonZero).toHaveLength(3);
  });

  it('respects the k it is given', () => {
    const counts: RawCount[] = [{ key: ['yes'], count: 3 }];
    const at3 = buildTable({ by: ['reportedToAuthority'], counts, total: 3, k: 3 });
    const at4 = buildTable({ by: ['reportedToAuthority'], counts, total: 3, k: 4 });
    expect(cellFor(at3, { reportedToAuthority: 'yes' }).count).toBe(3);
    expect(cellFor(at4, { reportedToAuthority: 'yes' }).suppressed).toBe(true);
  });

  it.each([
    [0, 0],
    [1, null],
    [4, null],
    [5, 5],
  ])('a total of %i is published as %j', (total, shown) => {
    expect(buildTable({ by: ['channel'], counts: [], total, k: K }).total).toBe(shown);
  });

  it('spans the month dimension from..to inclusive, across a year end', () => {
    const counts: RawCount[] = [{ key: ['2026-01'], count: 6 }];
    const table = buildTable({
      by: ['month'],
      counts,
      total: 6,
      k: K,
      months: { from: '2025-11', to: '2026-02' },
    });
    expect(table.cells.map((c) => c.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(table.cells.map((c) => c.count)).toEqual([0, 0, 6, 0]);
  });

  it('crosses month with a fixed dimension', () => {
    const table = buildTable({
      by: ['month', 'channel'],
      counts: [{ key: ['2026-02', 'assisted'], count: 2 }],
      total: 2,
      k: K,
      months: { from: '2026-01', to: '2026-03' },
    });
    expect(table.cells).toHaveLength(3 * 2);
    expect(cellFor(table, { month: '2026-02', channel: 'assisted' })).toMatchObject({
      count: null,
      suppressed: true,
    });
    expect(table.total).toBeNull();
  });

  it('has no month rows when there is no span', () => {
    expect(buildTable({ by: ['month'], counts: [], total: 0, k: K, months: null }).cells).toEqual(
      [],
    );
  });
});

describe('StatsQuerySchema', () => {
  const parse = (q: Record<string, unknown>) => StatsQuerySchema.safeParse(q);

  it.each([
    'region',
    'perpetrator,region',
    'month,violence,region',
    'ageBand,identity,nationality',
  ])('accepts by=%s', (by) => {
    const result = parse({ by });
    expect(result.success).toBe(true);
    expect(result.data?.by).toEqual(by.split(','));
  });

  it('knows every dimension it advertises', () => {
    for (const d of DIMENSIONS) expect(parse({ by: d }).success, d).toBe(true);
  });

  it.each([
    ['an unknown dimension', { by: 'city' }],
    ['a sealed field', { by: 'narrative' }],
    ['an empty list', { by: '' }],
    ['a trailing comma', { by: 'region,' }],
    ['a repeated dimension', { by: 'region,region' }],
    ['four dimensions', { by: 'region,perpetrator,violence,month' }],
    ['from after to', { by: 'region', from: '2026-05', to: '2026-04' }],
    ['a malformed month', { by: 'region', from: '2026-5' }],
    ['an impossible month', { by: 'region', to: '2026-13' }],
    ['an unknown key', { by: 'region', k: '1' }],
    ['no by', { from: '2026-01' }],
  ])('refuses %s', (_what, q) => {
    expect(parse(q).success).toBe(false);
  });

  it('accepts from equal to to, and either bound alone', () => {
    expect(parse({ by: 'month', from: '2026-04', to: '2026-04' }).success).toBe(true);
    expect(parse({ by: 'month', from: '2026-04' }).success).toBe(true);
    expect(parse({ by: 'month', to: '2026-04' }).success).toBe(true);
  });
});
