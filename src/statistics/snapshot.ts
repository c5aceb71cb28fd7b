// One snapshot from the exact counts: the noisy increment (exact change since the last snapshot
// plus fresh discrete Gaussian noise on every cell, zeros included), the new running state, and
// the published catalogue after post-processing. Pure: the database layer reads and writes.
import {
  baseVariance,
  CATALOGUE,
  type CatalogueTable,
  type CountedReport,
  MAX_UNITS_PER_REPORT,
  MAX_VALUES_COUNTED,
  reportCells,
  SCOPES,
  type Scope,
  tableCells,
  tableVariance,
  unitCost,
} from './catalogue.ts';
import { type RandomBelow, rationalOf, sampleDiscreteGaussian } from './discrete-gaussian.ts';
import { postProcessScope } from './post-process.ts';

export const MECHANISM = 'discrete Gaussian (Canonne, Kamath & Steinke 2020), exact sampler';

/** Exact counts by scope, table id and cell key. Missing cells are zero. */
export type ExactCounts = Record<Scope, Map<string, Map<string, number>>>;
export type CellState = { basis: number; noisy: number; variance: number };
/** Keyed by `${scope}/${table}/${cell}`. */
export type SnapshotState = Map<string, CellState>;

export type PublishedTable = { counts: number[]; variances: number[] };
export type SnapshotDocument = {
  snapshot: {
    id: number;
    through: string;
    publishedDay: string;
    period: string;
    months: { from: string; to: string };
    synthetic: boolean;
  };
  privacy: {
    mechanism: string;
    /** ρ (zCDP) one report can spend over its whole life, through every snapshot. */
    rhoPerReport: number;
    /** ρ of one unit of change in this snapshot (one report's contribution to one scope). */
    rhoPerUnit: number;
    unitsPerReport: number;
    maxValuesCounted: number;
    /** Noise standard deviation of each table's increment, by table id. */
    sigma: Record<string, number>;
  };
  scopes: Record<Scope, Record<string, PublishedTable>>;
};

/** Exact counts with every table present and empty. */
export function emptyExactCounts(): ExactCounts {
  const out = { all: new Map(), verified: new Map() } as ExactCounts;
  for (const scope of SCOPES) for (const t of CATALOGUE) out[scope].set(t.id, new Map());
  return out;
}

/** Adds one report to every table it counts in: `all`, and `verified` too when it is. */
export function countReport(out: ExactCounts, report: CountedReport, verified: boolean): void {
  for (const t of CATALOGUE) {
    const cells = reportCells(report, t);
    for (const scope of verified ? SCOPES : (['all'] as const)) {
      const counts = out[scope].get(t.id) as Map<string, number>;
      for (const cell of cells) counts.set(cell, (counts.get(cell) ?? 0) + 1);
    }
  }
}

export const stateKey = (scope: Scope, table: string, cell: string): string =>
  `${scope}/${table}/${cell}`;

export type SnapshotInput = {
  id: number;
  through: string;
  publishedDay: string;
  period: string;
  months: readonly string[];
  rho: number;
  exact: ExactCounts;
  previous: SnapshotState;
  rand: RandomBelow;
  synthetic: boolean;
};

export function computeSnapshot(input: SnapshotInput): {
  state: SnapshotState;
  document: SnapshotDocument;
} {
  const { months, rho, exact, previous, rand } = input;
  const state: SnapshotState = new Map();
  const scopes = {} as SnapshotDocument['scopes'];
  const sigma: Record<string, number> = {};
  for (const scope of SCOPES) {
    const noisyByTable = new Map<string, number[]>();
    const variances = new Map<string, number[]>();
    for (const t of CATALOGUE) {
      const variance = tableVariance(t, rho);
      sigma[t.id] = Math.round(Math.sqrt(variance) * 100) / 100;
      const sigma2 = rationalOf(variance);
      const counts = exact[scope].get(t.id);
      const noisy: number[] = [];
      const vars: number[] = [];
      for (const cell of tableCells(t, months)) {
        const key = stateKey(scope, t.id, cell);
        const before = previous.get(key) ?? { basis: 0, noisy: 0, variance: 0 };
        const now = counts?.get(cell) ?? 0;
        // Every cell gets fresh noise, whether or not anything changed in it.
        const noise = Number(sampleDiscreteGaussian(rand, sigma2));
        const next = {
          basis: now,
          noisy: before.noisy + (now - before.basis) + noise,
          variance: before.variance + variance,
        };
        state.set(key, next);
        noisy.push(next.noisy);
        vars.push(next.variance);
      }
      noisyByTable.set(t.id, noisy);
      variances.set(t.id, vars);
    }
    const published = postProcessScope(noisyByTable, months);
    scopes[scope] = Object.fromEntries(
      CATALOGUE.map((t: CatalogueTable) => [
        t.id,
        { counts: published.get(t.id) ?? [], variances: variances.get(t.id) ?? [] },
      ]),
    );
  }
  const rhoPerUnit = unitCost() / baseVariance(rho);
  return {
    state,
    document: {
      snapshot: {
        id: input.id,
        through: input.through,
        publishedDay: input.publishedDay,
        period: input.period,
        months: { from: months[0] ?? '', to: months.at(-1) ?? '' },
        synthetic: input.synthetic,
      },
      privacy: {
        mechanism: MECHANISM,
        rhoPerReport: rho,
        rhoPerUnit,
        unitsPerReport: MAX_UNITS_PER_REPORT,
        maxValuesCounted: MAX_VALUES_COUNTED,
        sigma,
      },
      scopes,
    },
  };
}
