// The codes are the API contract that organisations integrate against: they must match BRIEF.md
// exactly, and every code needs a Spanish and an English label for the form.
import { describe, expect, it } from 'vitest';
import {
  AGE_BAND_CODES,
  AGE_BANDS,
  CHANNEL_CODES,
  CHANNELS,
  IDENTITIES,
  IDENTITY_CODES,
  labelOf,
  NATIONALITIES,
  NATIONALITY_CODES,
  ORG_ROLES,
  PERPETRATOR_CODES,
  PERPETRATORS,
  REGION_CODES,
  REGIONS,
  REPORTED,
  REPORTED_CODES,
  SETTING_CODES,
  SETTINGS,
  VIOLENCE,
  VIOLENCE_CODES,
} from '../../../src/shared/vocabulary.ts';

// Copied from BRIEF.md, in the brief's order.
const BRIEF_REGIONS: ReadonlyArray<readonly [string, string]> = [
  ['01', 'Amazonas'],
  ['02', 'Áncash'],
  ['03', 'Apurímac'],
  ['04', 'Arequipa'],
  ['05', 'Ayacucho'],
  ['06', 'Cajamarca'],
  ['07', 'Callao'],
  ['08', 'Cusco'],
  ['09', 'Huancavelica'],
  ['10', 'Huánuco'],
  ['11', 'Ica'],
  ['12', 'Junín'],
  ['13', 'La Libertad'],
  ['14', 'Lambayeque'],
  ['15', 'Lima (provincias)'],
  ['1501', 'Lima Metropolitana'],
  ['16', 'Loreto'],
  ['17', 'Madre de Dios'],
  ['18', 'Moquegua'],
  ['19', 'Pasco'],
  ['20', 'Piura'],
  ['21', 'Puno'],
  ['22', 'San Martín'],
  ['23', 'Tacna'],
  ['24', 'Tumbes'],
  ['25', 'Ucayali'],
];

const BRIEF = {
  perpetrators: [
    'police',
    'serenazgo',
    'military',
    'other_official',
    'health_worker',
    'client',
    'manager',
    'partner',
    'family',
    'coworker',
    'acquaintance',
    'stranger',
    'unknown',
  ],
  violence: [
    'rape',
    'sexual_assault',
    'sexual_extortion',
    'condom_refusal',
    'physical',
    'homicide',
    'threats',
    'detention',
    'extortion',
    'robbery',
    'unpaid',
    'discrimination',
    'other',
  ],
  identity: ['woman', 'trans_woman', 'man', 'trans_man', 'non_binary', 'other', 'undisclosed'],
  ageBand: ['under_18', '18_24', '25_34', '35_44', '45_plus', 'undisclosed'],
  nationality: ['peruvian', 'venezuelan', 'other', 'undisclosed'],
  setting: [
    'street',
    'venue',
    'hotel',
    'client_home',
    'own_home',
    'online',
    'police_premises',
    'transport',
    'mining_or_logging_camp',
    'other',
    'undisclosed',
  ],
  reportedToAuthority: ['no', 'yes', 'refused'],
  channel: ['self', 'assisted'],
};

type Entry = readonly [string, { readonly es: string; readonly en: string }];
const VOCABULARIES: ReadonlyArray<{
  name: string;
  codes: readonly string[];
  entries: ReadonlyArray<Entry>;
}> = [
  { name: 'region', codes: REGION_CODES, entries: REGIONS },
  { name: 'perpetrator', codes: PERPETRATOR_CODES, entries: PERPETRATORS },
  { name: 'violence', codes: VIOLENCE_CODES, entries: VIOLENCE },
  { name: 'identity', codes: IDENTITY_CODES, entries: IDENTITIES },
  { name: 'ageBand', codes: AGE_BAND_CODES, entries: AGE_BANDS },
  { name: 'nationality', codes: NATIONALITY_CODES, entries: NATIONALITIES },
  { name: 'setting', codes: SETTING_CODES, entries: SETTINGS },
  { name: 'reportedToAuthority', codes: REPORTED_CODES, entries: REPORTED },
  { name: 'channel', codes: CHANNEL_CODES, entries: CHANNELS },
];

describe('regions', () => {
  it('are the 25 departments, Lima split into 15 and 1501, plus undisclosed: 27 codes', () => {
    expect([...REGION_CODES]).toEqual([...BRIEF_REGIONS.map(([code]) => code), 'undisclosed']);
    expect(REGION_CODES).toHaveLength(27);
  });

  it('use INEI codes: 1501 is Lima Metropolitana and 15 the rest of the Lima region', () => {
    expect(labelOf(REGIONS, '1501', 'es')).toBe('Lima Metropolitana');
    expect(labelOf(REGIONS, '15', 'es')).toBe('Lima (provincias)');
    // These differ under RENIEC's numbering; the API uses INEI's.
    expect(labelOf(REGIONS, '14', 'es')).toBe('Lambayeque');
    expect(labelOf(REGIONS, '07', 'es')).toBe('Callao');
  });

  it.each(BRIEF_REGIONS)('code %s is labelled %s in Spanish', (code, name) => {
    expect(labelOf(REGIONS, code as (typeof REGION_CODES)[number], 'es')).toBe(name);
  });
});

describe('multi-valued facts', () => {
  it('perpetrator types are the 13 codes of the brief, in order', () => {
    expect([...PERPETRATOR_CODES]).toEqual(BRIEF.perpetrators);
    expect(PERPETRATOR_CODES).toHaveLength(13);
  });

  it('violence types are the 13 codes of the brief, in order', () => {
    expect([...VIOLENCE_CODES]).toEqual(BRIEF.violence);
    expect(VIOLENCE_CODES).toHaveLength(13);
  });
});

describe('single-valued facts', () => {
  it.each([
    ['identity', IDENTITY_CODES, BRIEF.identity],
    ['ageBand', AGE_BAND_CODES, BRIEF.ageBand],
    ['nationality', NATIONALITY_CODES, BRIEF.nationality],
    ['setting', SETTING_CODES, BRIEF.setting],
    ['reportedToAuthority', REPORTED_CODES, BRIEF.reportedToAuthority],
    ['channel', CHANNEL_CODES, BRIEF.channel],
  ] as const)('%s codes match the brief', (_name, codes, expected) => {
    expect([...codes]).toEqual(expected);
  });

  it('organisation roles are advocacy and legal_aid', () => {
    expect([...ORG_ROLES]).toEqual(['advocacy', 'legal_aid']);
  });
});

describe.each(VOCABULARIES)('$name vocabulary', ({ codes, entries }) => {
  it('labels exactly the codes, in the same order', () => {
    expect(entries.map(([code]) => code)).toEqual([...codes]);
  });

  it('has no duplicate codes', () => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('has a non-empty Spanish and English label for every code', () => {
    for (const [code, label] of entries) {
      expect(label.es.trim(), `${code} es`).not.toBe('');
      expect(label.en.trim(), `${code} en`).not.toBe('');
    }
  });

  it('uses codes an API client can send as-is (lowercase words or digits)', () => {
    for (const code of codes) expect(code).toMatch(/^(?:[a-z0-9]+(?:_[a-z0-9]+)*)$/);
  });
});

describe('labelOf', () => {
  it('returns the label in the language asked for', () => {
    expect(labelOf(PERPETRATORS, 'police', 'es')).toBe('Policía');
    expect(labelOf(PERPETRATORS, 'police', 'en')).toBe('Police');
  });

  it('falls back to the code itself for a code it does not know', () => {
    expect(labelOf(PERPETRATORS, 'ghost' as 'police', 'en')).toBe('ghost');
  });
});
