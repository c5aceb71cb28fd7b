// Release documents: every method text has its Spanish, and the CSV survives commas and quotes.
import { describe, expect, it } from 'vitest';
import {
  COUNTING_RULES,
  DP_MECHANISM,
  METHOD_TEXT_ES,
  type Release,
  releaseCsv,
  SUPPRESSION_METHOD,
} from '../../src/releases.ts';

describe('method texts', () => {
  it('are all translated, so the Spanish page never falls back to English', () => {
    for (const text of [...COUNTING_RULES, SUPPRESSION_METHOD, DP_MECHANISM]) {
      expect(METHOD_TEXT_ES[text], text).toBeTruthy();
    }
  });
});

describe('releaseCsv', () => {
  const release: Release = {
    id: '2026-11-23-0a0b0c0d',
    title: 'Con "comillas", y comas',
    organisation: { id: 'o', name: 'O' },
    publishedDay: '2026-11-23',
    corrects: null,
    correctedBy: [],
    method: {
      period: { from: '2026-01', to: '2026-06' },
      filters: {},
      k: 5,
      suppression: SUPPRESSION_METHOD,
      differentialPrivacy: null,
      countingRules: COUNTING_RULES,
      synthetic: true,
    },
    tables: [
      {
        k: 5,
        by: ['region', 'perpetrator'],
        total: null,
        cells: [
          { region: '1501', perpetrator: 'police', count: 12, suppressed: false },
          { region: '1501', perpetrator: 'client', count: null, suppressed: true },
        ] as unknown as Release['tables'][number]['cells'],
      },
    ],
  };

  it('writes one row per cell and one per total, with empty counts for hidden cells', () => {
    const lines = releaseCsv(release).split('\r\n');
    expect(lines[1]).toBe(
      '2026-11-23-0a0b0c0d,1,region+perpetrator,region,1501,perpetrator,police,,,12,false',
    );
    expect(lines[2]).toBe(
      '2026-11-23-0a0b0c0d,1,region+perpetrator,region,1501,perpetrator,client,,,,true',
    );
    expect(lines[3]).toBe('2026-11-23-0a0b0c0d,1,region+perpetrator,total,,,,,,,true');
    expect(lines.at(-1)).toBe('');
  });

  it('quotes fields that hold commas, quotes or line breaks', () => {
    const odd = { ...release, id: 'a,"b"' };
    expect(releaseCsv(odd).split('\r\n')[1]?.startsWith('"a,""b""",1,')).toBe(true);
  });
});
