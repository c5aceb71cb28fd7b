// Post-processing of noisy counts into published tables. It reads only noisy numbers (never the
// data), so it costs no privacy. Every published table is made of non-negative integers that agree
// with the total and with the margins they nest in: single-valued tables add up to the total,
// each perpetrator or violence cell is at most the total, and cross tables add up, row by row, to
// the one-fact table they refine.
import {
  CATALOGUE,
  type CatalogueTable,
  MAX_VALUES_COUNTED,
  PUBLIC_DIMENSIONS,
  type PublicDimension,
} from './catalogue.ts';

/**
 * The point closest to y (least squares) with 0 ≤ x_i ≤ hi_i and Σ x = sum, found by bisection
 * on the shift λ in x_i = clamp(y_i − λ, 0, hi_i). Needs 0 ≤ sum ≤ Σ hi.
 */
export function projectBounded(y: readonly number[], hi: readonly number[], sum: number): number[] {
  const at = (lambda: number): number[] =>
    y.map((v, i) => Math.min(hi[i] ?? 0, Math.max(0, v - lambda)));
  const total = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  let lo = Math.min(0, ...y) - 1 - sum;
  let up = Math.max(0, ...y) + 1;
  for (let i = 0; i < 100 && up - lo > 1e-9; i++) {
    const mid = (lo + up) / 2;
    if (total(at(mid)) > sum) lo = mid;
    else up = mid;
  }
  return at(up);
}

/** Integers with the same sum (which must be an integer), each within [0, hi], nearest first. */
export function roundToSum(x: readonly number[], hi: readonly number[], sum: number): number[] {
  const out = x.map((v, i) => Math.min(hi[i] ?? 0, Math.max(0, Math.floor(v + 1e-9))));
  let left = sum - out.reduce((a, b) => a + b, 0);
  const order = x
    .map((v, i) => ({ i, frac: v - Math.floor(v + 1e-9) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  // Largest remainders first; a second pass covers what bounds kept from the first.
  for (let pass = 0; pass < 2 && left > 0; pass++) {
    for (const { i } of order) {
      if (left <= 0) break;
      if ((out[i] ?? 0) < (hi[i] ?? 0)) {
        out[i] = (out[i] ?? 0) + 1;
        left--;
      }
    }
  }
  return out;
}

/** Fits noisy cells to integers in [0, hi] whose sum lies in [sumLo, sumHi]. */
export function fitCells(
  y: readonly number[],
  hi: readonly number[],
  sumLo: number,
  sumHi: number,
): number[] {
  const cap = hi.reduce((a, b) => a + b, 0);
  const clamped = y.map((v, i) => Math.min(hi[i] ?? 0, Math.max(0, v)));
  const natural = clamped.reduce((a, b) => a + b, 0);
  const target = Math.round(Math.min(Math.min(sumHi, cap), Math.max(sumLo, natural)));
  return roundToSum(projectBounded(y, hi, target), hi, target);
}

const isMulti = (d: PublicDimension): boolean => d === 'perpetrator' || d === 'violence';

export type NoisyScope = ReadonlyMap<string, readonly number[]>;
export type PublishedScope = Map<string, number[]>;

/**
 * Turns one scope's noisy cumulative counts (by table id, cells in tableCells order) into the
 * published integers.
 */
export function postProcessScope(noisy: NoisyScope, months: readonly string[]): PublishedScope {
  const out: PublishedScope = new Map();
  const get = (t: CatalogueTable): readonly number[] => {
    const values = noisy.get(t.id);
    if (!values) throw new Error(`no noisy counts for table '${t.id}'`);
    return values;
  };
  const total = Math.max(0, Math.round(get(table('')).at(0) ?? 0));
  out.set('', [total]);
  const axis = (d: PublicDimension): readonly string[] =>
    d === 'month' ? months : PUBLIC_DIMENSIONS[d];

  for (const t of CATALOGUE.filter((c) => c.by.length === 1)) {
    const [d] = t.by as [PublicDimension];
    const y = get(t);
    const hi = y.map(() => total);
    const most = isMulti(d) ? Math.min(MAX_VALUES_COUNTED, y.length) * total : total;
    out.set(t.id, fitCells(y, hi, total, most));
  }
  const margin = (d: PublicDimension): number[] => out.get(d) ?? [];

  for (const t of CATALOGUE.filter((c) => c.by.length === 2)) {
    const [rowDim, colDim] = t.by as [PublicDimension, PublicDimension];
    const rows = axis(rowDim);
    const cols = axis(colDim);
    const y = get(t);
    const cells = new Array<number>(rows.length * cols.length).fill(0);
    if (t.id !== 'gbvType,region') {
      // Each row adds up to its own margin; cells are bounded by the column margin.
      rows.forEach((_, r) => {
        const rowY = cols.map((__, c) => y[r * cols.length + c] ?? 0);
        const rowTotal = margin(rowDim)[r] ?? 0;
        const hi = cols.map((__, c) => Math.min(rowTotal, margin(colDim)[c] ?? 0));
        const most = isMulti(colDim)
          ? Math.min(MAX_VALUES_COUNTED, cols.length) * rowTotal
          : rowTotal;
        fitCells(rowY, hi, rowTotal, most).forEach((v, c) => {
          cells[r * cols.length + c] = v;
        });
      });
    } else {
      // GBVIMS type by region: each region's column adds up to the region's count, which is the
      // figure readers compare across tables.
      cols.forEach((_, c) => {
        const colY = rows.map((__, r) => y[r * cols.length + c] ?? 0);
        const colTotal = margin(colDim)[c] ?? 0;
        const hi = rows.map((__, r) => Math.min(colTotal, margin(rowDim)[r] ?? 0));
        fitCells(colY, hi, colTotal, colTotal).forEach((v, r) => {
          cells[r * cols.length + c] = v;
        });
      });
    }
    out.set(t.id, cells);
  }
  return out;
}

function table(id: string): CatalogueTable {
  const found = CATALOGUE.find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}
