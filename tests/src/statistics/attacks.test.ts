// The outside review's attacks, automated against the public answers of a snapshot. On exact
// figures each attack wins every time; with the noise, an attacker who knows every other report
// exactly wins no more often than the privacy parameters allow. Seeded: the same seeds give the
// same verdict on every run and machine.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type CatalogueTable, reportCells } from '../../../src/statistics/catalogue.ts';
import { answerPublicQuery } from '../../../src/statistics/public-query.ts';
import { computeSnapshot, type SnapshotDocument } from '../../../src/statistics/snapshot.ts';
import type { StatsQuery } from '../../../src/statistics/tables.ts';
import { exactCountsOf, type TestReport, testReport } from '../../helpers/exact-counts.ts';
import { seededRandomBelow } from '../../helpers/seeded-random.ts';
import { bestAccuracy } from '../../helpers/zcdp-bound.ts';

const RHO = 1;
// A short month axis keeps each snapshot quick; per-cell noise does not depend on its length.
const MONTHS = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
const SEEDS = 150;

// 29 reports elsewhere and one that the review rebuilt: Ucayali, military, homicide, under 18,
// mining camp, refused to report, in March.
const BACKGROUND: TestReport[] = Array.from({ length: 29 }, (_, i) =>
  testReport({
    region: (['1501', '07', '13', '20'] as const)[i % 4],
    incidentMonth: (['2026-01', '2026-02', '2026-03'] as const)[i % 3],
    perpetrators: i % 3 ? ['client'] : ['police'],
    violence: i % 2 ? ['physical'] : ['threats'],
  }),
);
const UNIQUE = testReport({
  region: '25',
  incidentMonth: '2026-03',
  perpetrators: ['military'],
  violence: ['homicide'],
  ageBand: 'under_18',
  setting: 'mining_or_logging_camp',
  reportedToAuthority: 'refused',
});

function snapshot(reports: TestReport[], seed: string): SnapshotDocument {
  return computeSnapshot({
    id: 1,
    through: '2026-04-30',
    publishedDay: '2026-05-07',
    period: 'quarter',
    months: MONTHS,
    rho: RHO,
    exact: exactCountsOf(reports),
    previous: new Map(),
    rand: seededRandomBelow(seed),
    synthetic: true,
  }).document;
}

/** One public figure the attacker reads, and which table's noise it carries. */
type Probe = { query: StatsQuery; cell: Record<string, string>; table: string };

function read(doc: SnapshotDocument, p: Probe): number {
  const answer = answerPublicQuery(doc, p.query);
  const cell = answer.cells.find((c) => Object.entries(p.cell).every(([k, v]) => c[k] === v));
  return Object.keys(p.cell).length === 0 ? answer.total : (cell?.count ?? 0);
}

function exactOf(reports: TestReport[], p: Probe): number {
  return reports.filter((r) => {
    const codes: Record<string, readonly string[]> = {
      region: [r.region],
      month: [r.incidentMonth],
      perpetrator: r.perpetrators,
      violence: r.violence,
      gbvType: [r.gbvType],
    };
    const wanted = { ...p.cell } as Record<string, string>;
    for (const f of ['region', 'perpetrator', 'violence'] as const) {
      const v = p.query[f];
      if (v) wanted[f] = v;
    }
    const inRange =
      (!p.query.from || r.incidentMonth >= p.query.from) &&
      (!p.query.to || r.incidentMonth <= p.query.to);
    return inRange && Object.entries(wanted).every(([d, v]) => codes[d]?.includes(v));
  }).length;
}

const sigmaOf = (doc: SnapshotDocument, table: string): number => doc.privacy.sigma[table] ?? 1;

/**
 * The matched filter: the Gaussian likelihood-ratio test a well-informed attacker uses. It
 * knows every other report, so it knows what each figure would be under each hypothesis, and
 * weighs each figure by its noise.
 */
function guessSecond(
  doc: SnapshotDocument,
  probes: Probe[],
  first: number[],
  second: number[],
): boolean {
  let score = 0;
  let threshold = 0;
  probes.forEach((p, i) => {
    const d = (second[i] ?? 0) - (first[i] ?? 0);
    const s2 = sigmaOf(doc, p.table) ** 2;
    score += (d * (read(doc, p) - (first[i] ?? 0))) / s2;
    threshold += (d * d) / (2 * s2);
  });
  return score > threshold;
}

/** ρ of the change between two datasets, from the catalogue's cells and the noise used. */
function rhoOfChange(a: TestReport[], b: TestReport[], doc: SnapshotDocument): number {
  const ea = exactCountsOf(a);
  const eb = exactCountsOf(b);
  let rho = 0;
  for (const scope of ['all', 'verified'] as const) {
    for (const t of CATALOGUE) {
      const ca = ea[scope].get(t.id) ?? new Map<string, number>();
      const cb = eb[scope].get(t.id) ?? new Map<string, number>();
      for (const cell of new Set([...ca.keys(), ...cb.keys()])) {
        const d = (ca.get(cell) ?? 0) - (cb.get(cell) ?? 0);
        rho += (d * d) / (2 * sigmaOf(doc, t.id) ** 2);
      }
    }
  }
  return rho;
}

/** Three standard errors of an accuracy estimated over 2 × SEEDS trials. */
const SLACK = 3 * Math.sqrt(0.25 / (2 * SEEDS));

function attack(
  first: TestReport[],
  second: TestReport[],
  probes: Probe[],
): { accuracy: number; exactAccuracy: number; rho: number } {
  const f = probes.map((p) => exactOf(first, p));
  const s = probes.map((p) => exactOf(second, p));
  // On exact figures (the old API), the same test never misses.
  const exactRight = [f, s].filter((obs, truth) => {
    let score = 0;
    let threshold = 0;
    obs.forEach((o, i) => {
      const d = (s[i] ?? 0) - (f[i] ?? 0);
      score += d * (o - (f[i] ?? 0));
      threshold += (d * d) / 2;
    });
    return score > threshold === (truth === 1);
  }).length;
  let right = 0;
  let rho = 0;
  for (let seed = 0; seed < SEEDS; seed++) {
    const docA = snapshot(first, `a-${seed}`);
    const docB = snapshot(second, `b-${seed}`);
    if (!guessSecond(docA, probes, f, s)) right++;
    if (guessSecond(docB, probes, f, s)) right++;
    rho = rhoOfChange(first, second, docA);
  }
  return { accuracy: right / (2 * SEEDS), exactAccuracy: exactRight / 2, rho };
}

// Every figure the review used: the region table and its filters, the period difference, the
// violence table against the GBVIMS table, and the cross tables.
const PROBES: Probe[] = [
  { query: { by: ['region'] }, cell: { region: '25' }, table: 'region' },
  { query: { by: ['region'] }, cell: { region: '16' }, table: 'region' },
  {
    query: { by: ['region'], perpetrator: 'military' },
    cell: { region: '25' },
    table: 'perpetrator,region',
  },
  {
    query: { by: ['region'], perpetrator: 'military' },
    cell: { region: '16' },
    table: 'perpetrator,region',
  },
  { query: { by: ['month'], region: '25' }, cell: { month: '2026-03' }, table: 'region,month' },
  { query: { by: ['month'], region: '16' }, cell: { month: '2026-03' }, table: 'region,month' },
  {
    query: { by: ['region'], from: '2026-03', to: '2026-03' },
    cell: { region: '25' },
    table: 'region,month',
  },
  {
    query: { by: ['gbvType'], region: '25' },
    cell: { gbvType: UNIQUE.gbvType },
    table: 'gbvType,region',
  },
  {
    query: { by: ['gbvType'], region: '16' },
    cell: { gbvType: UNIQUE.gbvType },
    table: 'gbvType,region',
  },
  { query: { by: ['violence'] }, cell: { violence: 'homicide' }, table: 'violence' },
  { query: { by: ['perpetrator'] }, cell: { perpetrator: 'military' }, table: 'perpetrator' },
  { query: { by: ['month'] }, cell: { month: '2026-03' }, table: 'month' },
  { query: { by: ['region'] }, cell: {}, table: '' },
];

// Thousands of noisy answers per attack, synchronously: seconds on a quiet machine, more than
// the default 20 s when other work holds the cores.
describe('attacks on the public answers', { timeout: 180_000 }, () => {
  it('presence: whether the soldier report exists is no easier to tell than ρ allows', () => {
    const { accuracy, exactAccuracy, rho } = attack(BACKGROUND, [...BACKGROUND, UNIQUE], PROBES);
    if (process.env.PRINT_ATTACKS)
      console.info(
        `presence: accuracy ${accuracy}, ρ of the change ${rho.toFixed(3)}, bound ${bestAccuracy(rho).toFixed(3)}`,
      );
    expect(exactAccuracy).toBe(1);
    // One report's arrival is one unit: at most a quarter of the per-report ρ.
    expect(rho).toBeLessThanOrEqual(RHO / 4);
    expect(accuracy).toBeLessThanOrEqual(bestAccuracy(rho) + SLACK);
    expect(accuracy).toBeLessThanOrEqual(bestAccuracy(RHO) + SLACK);
    // The attacker is not blind either: noise hides, it does not erase.
    expect(accuracy).toBeGreaterThan(0.5);
  });

  it('region: Ucayali against Loreto (a region with no report, where 0 and "withheld" used to differ)', () => {
    const inLoreto = { ...UNIQUE, region: '16' };
    const { accuracy, exactAccuracy, rho } = attack(
      [...BACKGROUND, UNIQUE],
      [...BACKGROUND, inLoreto],
      PROBES,
    );
    if (process.env.PRINT_ATTACKS) {
      console.info(
        `region: accuracy ${accuracy}, ρ of the change ${rho.toFixed(3)}, bound ${bestAccuracy(rho).toFixed(3)}`,
      );
    }
    expect(exactAccuracy).toBe(1);
    expect(rho).toBeLessThanOrEqual(RHO);
    expect(accuracy).toBeLessThanOrEqual(bestAccuracy(rho) + SLACK);
  });

  it('period differencing: Jan–Mar minus Jan–Feb is no longer exactly the March reports', () => {
    const reports = [...BACKGROUND, UNIQUE];
    const marchTruth = exactOf(reports, {
      query: { by: ['region'], from: '2026-03', to: '2026-03' },
      cell: {},
      table: '',
    });
    const differences = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      const doc = snapshot(reports, `d-${seed}`);
      const q1 = answerPublicQuery(doc, { by: ['region'], from: '2026-01', to: '2026-03' });
      const q2 = answerPublicQuery(doc, { by: ['region'], from: '2026-01', to: '2026-02' });
      differences.add(q1.total - q2.total);
      // Still consistent: a range is the sum of its months.
      const march = answerPublicQuery(doc, { by: ['region'], from: '2026-03', to: '2026-03' });
      expect(q1.total - q2.total).toBe(march.total);
    }
    expect(differences.size).toBeGreaterThan(3);
    expect([...differences].every((d) => d === marchTruth)).toBe(false);
  });

  it('every cell is a figure: no null, no "withheld", the same shape for 0 and for 1 report', () => {
    const doc = snapshot([...BACKGROUND, UNIQUE], 'shape');
    for (const region of ['25', '16'] as const) {
      const a = answerPublicQuery(doc, { by: ['perpetrator'], region });
      expect(a.cells.every((c) => Number.isInteger(c.count) && c.count >= 0)).toBe(true);
      expect(Object.keys(a.cells[0] ?? {}).sort()).toEqual(['count', 'interval', 'perpetrator']);
    }
  });
});

describe('the noise is calibrated to the stated ρ', () => {
  it('a report that arrives verified and is withdrawn later spends at most ρ in all', () => {
    const doc = snapshot([UNIQUE], 'calibration');
    const verified = { ...UNIQUE, verified: true };
    // Arrival counts once in `all` and once in `verified`; withdrawal takes both back.
    const arrival = rhoOfChange([], [verified], doc);
    const withdrawal = rhoOfChange([verified], [], doc);
    expect(arrival + withdrawal).toBeLessThanOrEqual(RHO + 1e-9);
    // The worst report (three perpetrators, three violence types) reaches the budget exactly.
    const worst = {
      ...verified,
      perpetrators: ['police', 'serenazgo', 'military', 'client'],
      violence: ['rape', 'sexual_assault', 'physical', 'threats'],
    };
    const spent = rhoOfChange([], [worst], doc) + rhoOfChange([worst], [], doc);
    expect(spent).toBeCloseTo(RHO, 2);
  });

  it('each table carries the noise its weight says', () => {
    const doc = snapshot([], 'weights');
    const base = doc.privacy.sigma[''] as number;
    for (const t of CATALOGUE as CatalogueTable[]) {
      expect(doc.privacy.sigma[t.id]).toBeCloseTo((base / 1.5) * t.weight, 1);
    }
    expect(reportCells(UNIQUE, CATALOGUE[0] as CatalogueTable)).toEqual(['']);
  });
});
