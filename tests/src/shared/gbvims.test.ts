// The GBVIMS primary type: one per incident, by the precedence in the brief.
import { describe, expect, it } from 'vitest';
import {
  GBV_TYPE_CODES,
  GBV_TYPES,
  primaryGbvType,
  VIOLENCE_TO_GBV,
} from '../../../src/shared/gbvims.ts';
import { VIOLENCE_CODES, type ViolenceCode } from '../../../src/shared/vocabulary.ts';

describe('primaryGbvType', () => {
  it('follows rape > sexual assault > physical > forced marriage > resources > psychological', () => {
    expect(GBV_TYPE_CODES.slice(0, 6)).toEqual([
      'rape',
      'sexual_assault',
      'physical_assault',
      'forced_marriage',
      'denial_of_resources',
      'psychological_abuse',
    ]);
  });

  it.each<[ViolenceCode[], string]>([
    [['threats', 'physical', 'rape'], 'rape'],
    [['robbery', 'sexual_assault'], 'sexual_assault'],
    [['detention', 'extortion', 'physical'], 'physical_assault'],
    [['threats', 'unpaid'], 'denial_of_resources'],
    [['detention', 'threats'], 'psychological_abuse'],
    [['homicide'], 'physical_assault'],
    [['condom_refusal', 'physical'], 'rape'],
    [['sexual_extortion', 'detention'], 'sexual_assault'],
    [['other'], 'unclassified'],
    [['other', 'threats'], 'psychological_abuse'],
  ])('%j → %s', (violence, expected) => {
    expect(primaryGbvType(violence)).toBe(expected);
  });

  it('gives the same type whatever the order of the codes', () => {
    const codes: ViolenceCode[] = ['threats', 'robbery', 'sexual_assault', 'physical'];
    expect(primaryGbvType(codes)).toBe(primaryGbvType([...codes].reverse()));
  });

  it('maps every violence code, and labels every GBVIMS type in both languages', () => {
    for (const code of VIOLENCE_CODES) expect(GBV_TYPE_CODES).toContain(VIOLENCE_TO_GBV[code]);
    expect(GBV_TYPES.map(([c]) => c)).toEqual([...GBV_TYPE_CODES]);
    for (const [, label] of GBV_TYPES) expect(label.es && label.en).toBeTruthy();
  });
});
