// Release documents: every method text has its Spanish, and the CSV holds each figure with its
// interval and survives commas and quotes.
import { describe, expect, it } from 'vitest';
import {
  COUNTING_RULES,
  METHOD_TEXT_ES,
  type Release,
  ReleaseRequestSchema,
  releaseCsv,
} from '../../../src/contract/releases.ts';
import { NOISE_MECHANISM_TEXT } from '../../../src/statistics/release-texts.ts';

describe('method texts', () => {
  it('are all translated, so the Spanish page never falls back to English', () => {
    for (const text of [...COUNTING_RULES, NOISE_MECHANISM_TEXT]) {
      expect(METHOD_TEXT_ES[text], text).toBeTruthy();
    }
  });
});

describe('releaseCsv', () => {
  const snapshot = { id: 3, through: '2026-09-30', publishedDay: '2026-10-07', period: 'quarter' };
  const noise = {
    mechanism: 'discrete Gaussian',
    rhoPerReport: 1,
    intervalLevel: 0.9,
    note: 'noise',
  };
  const release: Release = {
    id: '2026-11-23-0a0b0c0d',
    title: 'Con "comillas", y comas',
    organisation: { id: 'o', name: 'O' },
    publishedDay: '2026-11-23',
    corrects: null,
    correctedBy: [],
    snapshot,
    method: {
      period: { from: null, to: null },
      filters: {},
      noise: { mechanism: NOISE_MECHANISM_TEXT, rhoPerReport: 1, intervalLevel: 0.9, sigma: {} },
      countingRules: COUNTING_RULES,
      synthetic: true,
    },
    tables: [
      {
        snapshot,
        by: ['region', 'perpetrator'],
        filters: {},
        noise,
        total: 15,
        totalInterval: [7, 23],
        cells: [
          { region: '1501', perpetrator: 'police', count: 12, interval: [4, 20] },
          { region: '1501', perpetrator: 'client', count: 0, interval: [0, 8] },
        ],
      },
      {
        snapshot,
        by: ['gbvType'],
        filters: {},
        noise,
        total: 4,
        totalInterval: [0, 11],
        cells: [{ gbvType: 'rape', count: 4, interval: [0, 11] }],
      },
    ],
  };

  it('writes one row per cell and one per total, each with its snapshot and 90% interval', () => {
    const lines = releaseCsv(release).split('\r\n');
    expect(lines[0]).toBe(
      'release,snapshot_through,table,by,dimension_1,code_1,dimension_2,code_2,count,interval_90_low,interval_90_high',
    );
    expect(lines.slice(1)).toEqual([
      '2026-11-23-0a0b0c0d,2026-09-30,1,region+perpetrator,region,1501,perpetrator,police,12,4,20',
      '2026-11-23-0a0b0c0d,2026-09-30,1,region+perpetrator,region,1501,perpetrator,client,0,0,8',
      '2026-11-23-0a0b0c0d,2026-09-30,1,region+perpetrator,total,,,,15,7,23',
      '2026-11-23-0a0b0c0d,2026-09-30,2,gbvType,gbvType,rape,,,4,0,11',
      '2026-11-23-0a0b0c0d,2026-09-30,2,gbvType,total,,,,4,0,11',
      '',
    ]);
  });

  it('quotes fields that hold commas, quotes or line breaks', () => {
    const odd = { ...release, id: 'a,"b"' };
    expect(releaseCsv(odd).split('\r\n')[1]?.startsWith('"a,""b""",2026-09-30,1,')).toBe(true);
  });
});

describe('a release request', () => {
  it('takes no ε, and a period only with both ends in order', () => {
    const base = { title: 'Una publicación', tables: [['month']] };
    expect(ReleaseRequestSchema.safeParse(base).success).toBe(true);
    expect(ReleaseRequestSchema.safeParse({ ...base, from: '2026-01' }).success).toBe(true);
    expect(ReleaseRequestSchema.safeParse({ ...base, epsilon: 1 }).success).toBe(false);
    expect(
      ReleaseRequestSchema.safeParse({ ...base, from: '2026-05', to: '2026-04' }).success,
    ).toBe(false);
  });
});
