// Exact catalogue counts of a list of reports, built with the catalogue's own cell rule, for
// tests that drive src/statistics/snapshot.ts without a database.

import { primaryGbvType } from '../../src/gbvims.ts';
import {
  CATALOGUE,
  type CountedReport,
  reportCells,
  SCOPES,
} from '../../src/statistics/catalogue.ts';
import type { ExactCounts } from '../../src/statistics/snapshot.ts';
import type { ViolenceCode } from '../../src/vocabulary.ts';

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
  const out = { all: new Map(), verified: new Map() } as ExactCounts;
  for (const scope of SCOPES) for (const t of CATALOGUE) out[scope].set(t.id, new Map());
  for (const r of reports) {
    for (const t of CATALOGUE) {
      for (const scope of r.verified ? SCOPES : (['all'] as const)) {
        const counts = out[scope].get(t.id) as Map<string, number>;
        for (const cell of reportCells(r, t)) counts.set(cell, (counts.get(cell) ?? 0) + 1);
      }
    }
  }
  return out;
}
