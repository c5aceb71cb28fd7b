// Incident months are judged in Peru's own time (UTC-5, no DST): a reporter in Lima late on
// 30 November must not be told that "November" is out of range, nor allowed to pick December.
import { describe, expect, it } from 'vitest';
import {
  currentPeruMonth,
  earliestAllowedMonth,
  incidentMonthProblem,
  MAX_MONTHS_BACK,
  monthFromIndex,
  monthIndex,
  monthsBetween,
  utcDay,
} from '../../../src/shared/months.ts';

const NOW = new Date('2026-11-23T13:00:00Z');
const shift = (month: string, by: number): string => monthFromIndex(monthIndex(month) + by);

describe('incidentMonthProblem', () => {
  it('allows the current Peru month and refuses the next one', () => {
    expect(incidentMonthProblem('2026-11', NOW)).toBeNull();
    expect(incidentMonthProblem('2026-12', NOW)).toBe('cannot be in the future');
    expect(incidentMonthProblem('2027-01', NOW)).toBe('cannot be in the future');
  });

  it('allows exactly 120 months back and refuses 121', () => {
    expect(MAX_MONTHS_BACK).toBe(120);
    expect(incidentMonthProblem('2016-11', NOW)).toBeNull();
    expect(incidentMonthProblem('2016-10', NOW)).toBe('cannot be more than 10 years ago');
    expect(earliestAllowedMonth(NOW)).toBe('2016-11');
  });

  it('still treats 03:00 UTC on 1 December as November, because it is 22:00 in Peru', () => {
    const lateNovemberInLima = new Date('2026-12-01T03:00:00Z');
    expect(currentPeruMonth(lateNovemberInLima)).toBe('2026-11');
    expect(incidentMonthProblem('2026-11', lateNovemberInLima)).toBeNull();
    expect(incidentMonthProblem('2026-12', lateNovemberInLima)).toBe('cannot be in the future');
    // The ten-year window moves with the Peru month too.
    expect(incidentMonthProblem('2016-11', lateNovemberInLima)).toBeNull();
  });

  it('moves to December at 05:00 UTC on 1 December, midnight in Peru', () => {
    const justBefore = new Date('2026-12-01T04:59:59.999Z');
    const midnightInLima = new Date('2026-12-01T05:00:00Z');
    expect(currentPeruMonth(justBefore)).toBe('2026-11');
    expect(currentPeruMonth(midnightInLima)).toBe('2026-12');
    expect(incidentMonthProblem('2026-12', midnightInLima)).toBeNull();
    expect(incidentMonthProblem('2016-11', midnightInLima)).toBe(
      'cannot be more than 10 years ago',
    );
    expect(incidentMonthProblem('2016-12', midnightInLima)).toBeNull();
  });

  it('handles the new year in Peru, not in UTC', () => {
    const newYearsEveInLima = new Date('2027-01-01T04:00:00Z');
    expect(currentPeruMonth(newYearsEveInLima)).toBe('2026-12');
    expect(incidentMonthProblem('2027-01', newYearsEveInLima)).toBe('cannot be in the future');
    expect(currentPeruMonth(new Date('2027-01-01T05:00:00Z'))).toBe('2027-01');
  });

  it.each(['2026-1', '2026-13', '2026-00', '26-11', '2026/11', '2026-11-01', ' 2026-11', ''])(
    'refuses the malformed month %j',
    (month) => {
      expect(incidentMonthProblem(month, NOW)).toBe('must be a month written YYYY-MM');
    },
  );

  it('keeps a full 121-month window wherever "now" falls in the year', () => {
    for (let m = 0; m < 12; m++) {
      const now = new Date(Date.UTC(2031, m, 15, 12));
      const current = currentPeruMonth(now);
      expect(incidentMonthProblem(current, now)).toBeNull();
      expect(incidentMonthProblem(shift(current, -120), now)).toBeNull();
      expect(incidentMonthProblem(shift(current, -121), now)).not.toBeNull();
      expect(incidentMonthProblem(shift(current, 1), now)).not.toBeNull();
    }
  });
});

describe('month arithmetic', () => {
  it('round-trips month indices across year ends', () => {
    for (const month of ['2016-01', '2016-12', '2020-02', '2099-12', '0001-01']) {
      expect(monthFromIndex(monthIndex(month))).toBe(month);
    }
    expect(monthIndex('2027-01') - monthIndex('2026-12')).toBe(1);
  });

  it('lists months inclusively across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsBetween('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthsBetween('2026-06', '2026-05')).toEqual([]);
  });

  it('refuses to index something that is not a month', () => {
    expect(() => monthIndex('2026-13')).toThrow();
  });
});

describe('utcDay', () => {
  it('keeps only the UTC day, never a time', () => {
    expect(utcDay(new Date('2026-11-23T23:59:59.999Z'))).toBe('2026-11-23');
    expect(utcDay(new Date('2026-11-24T00:00:00.000Z'))).toBe('2026-11-24');
  });
});
