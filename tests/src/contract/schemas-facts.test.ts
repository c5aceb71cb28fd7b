// The facts of a submission (FactsSchema): every coarse fact from the vocabulary, each one
// required, and an incident month no later than this Peru month and no more than ten years back.
import { describe, expect, it } from 'vitest';
import { FactsSchema, StoredFactsSchema } from '../../../src/contract/schemas.ts';
import { currentPeruMonth } from '../../../src/shared/months.ts';
import { facts, issuePaths } from '../../helpers/contract-input.ts';
import { monthsAgo } from '../../helpers/months.ts';

const thisMonth = (): string => currentPeruMonth(new Date());

describe('FactsSchema', () => {
  it('accepts a complete set of valid facts', () => {
    expect(FactsSchema.safeParse(facts()).success).toBe(true);
  });

  it('accepts every region, including 1501 and undisclosed', () => {
    for (const region of ['01', '15', '1501', '25', 'undisclosed']) {
      expect(FactsSchema.safeParse(facts({ region })).success, region).toBe(true);
    }
  });

  it.each([
    ['region', '1502'],
    ['region', '26'],
    ['region', '00'],
    ['region', 'lima'],
    ['region', 15],
    ['identity', 'female'],
    ['ageBand', '17'],
    ['nationality', 'colombian'],
    ['setting', 'park'],
    ['reportedToAuthority', 'maybe'],
    ['channel', 'phone'],
    ['perpetrators', ['police', 'landlord']],
    ['violence', ['Rape']],
    ['perpetrators', 'police'],
  ])('refuses %s = %j', (field, value) => {
    const result = FactsSchema.safeParse(facts({ [field]: value }));
    expect(result.success).toBe(false);
    expect(issuePaths(result).some((p) => p === field || p.startsWith(`${field}.`))).toBe(true);
  });

  it.each(['perpetrators', 'violence'])('refuses a repeated value in %s', (field) => {
    const value =
      field === 'perpetrators' ? ['client', 'client'] : ['physical', 'robbery', 'physical'];
    const result = FactsSchema.safeParse(facts({ [field]: value }));
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toContain(field);
  });

  it.each(['perpetrators', 'violence'])('refuses an empty %s list', (field) => {
    const result = FactsSchema.safeParse(facts({ [field]: [] }));
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toContain(field);
  });

  // Every fact of a whole report is required: none may be left out and counted as unknown.
  it.each(Object.keys(facts()))('refuses facts without %s', (field) => {
    const f = facts();
    delete f[field];
    const result = FactsSchema.safeParse(f);
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toContain(field);
  });

  it('refuses an unknown field, such as a free-text place', () => {
    const result = FactsSchema.safeParse(facts({ place: 'Av. Arequipa 1234' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('place');
  });

  it.each(['2026-1', '2026-13', '2026-00', '2026-11-05', '11-2026', '202611'])(
    'refuses the incident month %j',
    (incidentMonth) => {
      const result = FactsSchema.safeParse(facts({ incidentMonth }));
      expect(result.success).toBe(false);
      expect(issuePaths(result)).toContain('incidentMonth');
    },
  );

  it('allows this Peru month and exactly ten years back', () => {
    expect(FactsSchema.safeParse(facts({ incidentMonth: thisMonth() })).success).toBe(true);
    expect(FactsSchema.safeParse(facts({ incidentMonth: monthsAgo(120) })).success).toBe(true);
  });

  it('refuses next month as the future', () => {
    const result = FactsSchema.safeParse(facts({ incidentMonth: monthsAgo(-1) }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('cannot be in the future');
  });

  it('refuses a month more than ten years ago', () => {
    const result = FactsSchema.safeParse(facts({ incidentMonth: monthsAgo(121) }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('cannot be more than 10 years ago');
  });

  it('still reads an old month from a stored or sealed copy (StoredFactsSchema)', () => {
    const old = facts({ incidentMonth: monthsAgo(200) });
    expect(StoredFactsSchema.safeParse(old).success).toBe(true);
    expect(FactsSchema.safeParse(old).success).toBe(false);
  });
});
