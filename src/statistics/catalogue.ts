// The fixed public catalogue: which tables a snapshot publishes, how much noise each carries, and
// what one report can change. Pure: the database layer counts, this module says what to count.
//
// Privacy unit: one report, with its whole history. It changes the published increments at most
// four times in "units" (a unit is its full contribution to one scope's catalogue): it arrives
// (1 unit in `all`, 1 more in `verified` if already verified), it is verified (1 unit; the flag is
// never undone, db/repos/inbox-repo.ts), and it is withdrawn (1 or 2 units). Noise is discrete Gaussian,
// so each unit costs ρ_unit = K / σ0² in zero-concentrated DP (Bun & Steinke 2016), and units
// add. σ0 is set so that four units spend exactly the configured ρ.
import { monthFromIndex, monthIndex } from '../shared/months.ts';
import { PERPETRATOR_CODES, VIOLENCE_CODES } from '../shared/vocabulary.ts';
import { FIXED_DIMENSIONS } from './tables.ts';

/** The facts the public tables count, with their codes: the same as the staff tables'. */
export const PUBLIC_DIMENSIONS = FIXED_DIMENSIONS;
export type PublicDimension = 'month' | keyof typeof PUBLIC_DIMENSIONS;

/**
 * A report counts under at most this many perpetrator types and this many violence types (the
 * first in vocabulary order, which lists officials and the gravest violence first). More would
 * let one report move more cells, and every cell would need more noise. Few reports name more.
 */
export const MAX_VALUES_COUNTED = 3;
const MULTI_VALUED: ReadonlySet<PublicDimension> = new Set(['perpetrator', 'violence']);

export type CatalogueTable = {
  /** Dimensions joined by ',' ('' for the total). */
  id: string;
  by: readonly PublicDimension[];
  /** Noise standard deviation relative to σ0: larger is noisier and cheaper. */
  weight: number;
};

const table = (by: PublicDimension[], weight: number): CatalogueTable => ({
  id: by.join(','),
  by,
  weight,
});

// Weights put the precision where advocacy needs it: the total, regions and perpetrators. The
// tables a reader would only slice (cross tables, the other facts) are noisier.
export const CATALOGUE: readonly CatalogueTable[] = [
  table([], 1.5),
  table(['region'], 0.75),
  table(['perpetrator'], 1.5),
  table(['violence'], 2),
  table(['month'], 2),
  table(['gbvType'], 2),
  table(['identity'], 3),
  table(['ageBand'], 3),
  table(['nationality'], 3),
  table(['setting'], 3),
  table(['reportedToAuthority'], 3),
  table(['channel'], 3),
  table(['perpetrator', 'region'], 3),
  table(['perpetrator', 'violence'], 4),
  table(['region', 'month'], 2.5),
  table(['gbvType', 'region'], 2.5),
];

export const SCOPES = ['all', 'verified'] as const;
export type Scope = (typeof SCOPES)[number];

/** Units of change one report can make over its whole life (see the header). */
export const MAX_UNITS_PER_REPORT = 4;

/** Squared L2 sensitivity of one table: how many of its cells one report adds 1 to, at most. */
export function tableSensitivity2(t: CatalogueTable): number {
  return t.by.reduce((n, d) => n * (MULTI_VALUED.has(d) ? MAX_VALUES_COUNTED : 1), 1);
}

/** K = Σ sens² / (2 w²): ρ of one unit is K / σ0². */
export function unitCost(catalogue: readonly CatalogueTable[] = CATALOGUE): number {
  return catalogue.reduce((k, t) => k + tableSensitivity2(t) / (2 * t.weight ** 2), 0);
}

/** σ0² such that a report's four units spend `rho` in all. */
export function baseVariance(rho: number): number {
  if (!(rho > 0)) throw new RangeError('ρ must be positive');
  return (MAX_UNITS_PER_REPORT * unitCost()) / rho;
}

/** Each table's noise variance for a per-report budget ρ. */
export function tableVariance(t: CatalogueTable, rho: number): number {
  return t.weight ** 2 * baseVariance(rho);
}

/** The counted facts of one report, as the snapshot reads them. */
export type CountedReport = {
  incidentMonth: string;
  region: string;
  perpetrators: readonly string[];
  violence: readonly string[];
  identity: string;
  ageBand: string;
  nationality: string;
  setting: string;
  reportedToAuthority: string;
  channel: string;
  gbvType: string;
};

function codesOf(r: CountedReport, d: PublicDimension): readonly string[] {
  switch (d) {
    case 'month':
      return [r.incidentMonth];
    case 'perpetrator':
      return capped(r.perpetrators, PERPETRATOR_CODES);
    case 'violence':
      return capped(r.violence, VIOLENCE_CODES);
    default:
      return [r[d]];
  }
}

function capped(values: readonly string[], order: readonly string[]): string[] {
  return [...new Set(values)]
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .slice(0, MAX_VALUES_COUNTED);
}

/** The cells (codes joined by '|') one report adds 1 to in a table. */
export function reportCells(r: CountedReport, t: CatalogueTable): string[] {
  let keys = [''];
  t.by.forEach((d, i) => {
    const codes = codesOf(r, d);
    keys = keys.flatMap((k) => codes.map((c) => (i === 0 ? c : `${k}|${c}`)));
  });
  return keys;
}

/**
 * Months of the month axis. It starts 120 months (the oldest a report may name) before the first
 * snapshot's last month and only ever grows, so which cells exist never depends on the data.
 */
export function monthAxis(firstThroughMonth: string, throughMonth: string): string[] {
  const out: string[] = [];
  for (let m = monthIndex(firstThroughMonth) - 120; m <= monthIndex(throughMonth); m++)
    out.push(monthFromIndex(m));
  return out;
}

/** Every cell of a table, in row-major vocabulary order (the last dimension varies fastest). */
export function tableCells(t: CatalogueTable, months: readonly string[]): string[] {
  let keys = [''];
  t.by.forEach((d, i) => {
    const codes = d === 'month' ? months : PUBLIC_DIMENSIONS[d];
    keys = keys.flatMap((k) => codes.map((c) => (i === 0 ? c : `${k}|${c}`)));
  });
  return keys;
}

export function catalogueTable(id: string): CatalogueTable | undefined {
  return CATALOGUE.find((t) => t.id === id);
}
