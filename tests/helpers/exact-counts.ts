// Exact catalogue counts of a list of reports, built with the catalogue's own cell rule, for
// tests that drive src/statistics/snapshot.ts without a database.

import { primaryGbvType } from '../../src/shared/gbvims.ts';
import type { ViolenceCode } from '../../src/shared/vocabulary.ts';
import type { CountedReport } from '../../src/statistics/catalogue.ts';
import { countReport, type ExactCounts, emptyExactCounts } from '../../src/statistics/snapshot.ts';

export type TestReport = CountedReport & { verified?: boolean };

export function testReport(over: Partial<TestReport> = {}): TestReport {
  const violence = over.violence ?? ['physical'];
  return {
    incidentMonth: '2026-02',
    region: '1501',
    perpetrators: ['police'],
    identity: 'woman',
    ageBand: '25_34',
    nationality: 'peruvian',
    setting: 'street',
    reportedToAuthority: 'no',
    channel: 'self',
    gbvType: primaryGbvType(violence as ViolenceCode[]),
    ...over,
    violence,
  };
}

export function exactCountsOf(reports: readonly TestReport[]): ExactCounts {
  const out = emptyExactCounts();
  for (const r of reports) countReport(out, r, r.verified === true);
  return out;
}
