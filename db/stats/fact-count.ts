// One exact count over the columns of db/stats/fact-columns.ts, with the counting rules of
// countFromReports (db/stats/stats-repo.ts), which stays the reference: a report with several values
// of a multi-valued fact counts once under each, `total` once per report, and a multi-valued
// filter keeps a report when any of its values is the one asked for.
import { monthFromIndex, monthIndex } from '../../src/shared/months.ts';
import { FIXED_DIMENSIONS, type RawCount } from '../../src/statistics/tables.ts';
import {
  CODE_POSITIONS,
  type FactColumns,
  LIVE,
  MULTI_FACTS,
  type MultiFact,
  type SingleFact,
  VERIFIED,
} from './fact-columns.ts';
import type { CountQuery, CountResult } from './stats-repo.ts';

// Room for the selected slots and their cells, kept from one count to the next: allocating
// megabytes a query would make the garbage collector pause the thread (counting is synchronous,
// so one buffer per thread is enough).
let scratch = new Int32Array(0);

/** A filter on a code outside the vocabulary: it matches no report. */
const NOTHING = -1;

type Axis = { labels: readonly string[]; stride: number };

const isMulti = (d: string): d is MultiFact => (MULTI_FACTS as readonly string[]).includes(d);

export function countFacts(columns: FactColumns, q: CountQuery): CountResult {
  const lo = q.from ? monthIndex(q.from) : Number.NEGATIVE_INFINITY;
  const hi = q.to ? monthIndex(q.to) : Number.POSITIVE_INFINITY;
  // The month axis needs no months before the first report or after the last.
  const first = Math.max(lo, columns.monthMin);
  const last = Math.min(hi, columns.monthMax);

  const axes: Axis[] = q.by.map((d) => {
    if (d !== 'month') return { labels: FIXED_DIMENSIONS[d], stride: 0 };
    const labels: string[] = [];
    for (let m = first; m <= last; m++) labels.push(monthFromIndex(m));
    return { labels, stride: 0 };
  });
  let cells = 1;
  for (let j = axes.length - 1; j >= 0; j--) {
    const axis = axes[j] as Axis;
    axis.stride = cells;
    cells *= axis.labels.length;
  }
  // Single-valued axes add code × stride to a report's cell; each multi-valued one then fans
  // out over the bits of its mask.
  const singles: Array<{
    column: Uint8Array | Int32Array;
    offset: number;
    size: number;
    stride: number;
  }> = [];
  const multis: Array<{ column: Uint32Array; stride: number }> = [];
  q.by.forEach((d, j) => {
    const { labels, stride } = axes[j] as Axis;
    const size = labels.length;
    if (d === 'month') singles.push({ column: columns.month, offset: first, size, stride });
    else if (isMulti(d)) multis.push({ column: columns.masks[d], stride });
    else singles.push({ column: columns.codes[d as SingleFact], offset: 0, size, stride });
  });

  // A code outside the vocabulary (which the API never asks for) matches no report.
  const position = (fact: SingleFact | MultiFact, code: string): number =>
    CODE_POSITIONS[fact].get(code) ?? NOTHING;
  const mask = (fact: MultiFact, code: string | undefined): number | undefined => {
    if (code === undefined) return undefined;
    const at = position(fact, code);
    return at === NOTHING ? 0 : (1 << at) >>> 0;
  };
  const orgBits = q.orgId === undefined ? undefined : columns.organisation(q.orgId);
  const filters: Filters = {
    need: LIVE | (q.verified === 'true' ? VERIFIED : 0),
    lo,
    hi,
    // An organisation that no report ever reached has an empty set.
    orgBits:
      q.orgId === undefined
        ? undefined
        : (orgBits ?? new Uint32Array(Math.ceil(columns.length / 32))),
    region: q.region === undefined ? undefined : position('region', q.region),
    perpetrator: mask('perpetrator', q.perpetrator),
    violence: mask('violence', q.violence),
  };

  // First the reports that pass the filters, then their cells, one column at a time: each loop
  // reads one typed array, which is what makes a million reports take milliseconds.
  const selected = select(columns, filters);
  const cell = scratch.subarray(columns.length, columns.length + selected.count).fill(0);
  for (const s of singles) addAxis(cell, selected.rows, s.column, s.offset, s.size, s.stride);
  const grid = new Uint32Array(cells);
  const [m0, m1] = multis;
  if (!m0) tally(grid, cell);
  else if (!m1) fanOutOne(grid, cell, selected.rows, m0.column, m0.stride);
  else fanOutTwo(grid, cell, selected.rows, m0.column, m0.stride, m1.column, m1.stride);
  const total = selected.count;

  const counts: RawCount[] = [];
  for (let c = 0; c < grid.length; c++) {
    const n = grid[c] as number;
    if (n === 0) continue;
    const key = axes.map((a) => a.labels[Math.floor(c / a.stride) % a.labels.length] as string);
    counts.push({ key, count: n });
  }
  const found = selected.spanLo <= selected.spanHi;
  const from = q.from ?? (found ? monthFromIndex(selected.spanLo) : q.to);
  const to = q.to ?? (found ? monthFromIndex(selected.spanHi) : q.from);
  return { counts, total, months: from && to ? { from, to } : null };
}

type Filters = {
  /** Flag bits a report must have: LIVE, and VERIFIED for verified=true. */
  need: number;
  lo: number;
  hi: number;
  orgBits: Uint32Array | undefined;
  region: number | undefined;
  perpetrator: number | undefined;
  violence: number | undefined;
};

/** The slots of the reports that pass the filters, and the month span of those in scope. */
function select(
  columns: FactColumns,
  f: Filters,
): { rows: Int32Array; count: number; spanLo: number; spanHi: number } {
  if (scratch.length < 2 * columns.length)
    scratch = new Int32Array(Math.ceil(2.5 * columns.length));
  const rows = scratch.subarray(0, columns.length);
  let count = 0;
  let spanLo = Number.POSITIVE_INFINITY;
  let spanHi = Number.NEGATIVE_INFINITY;
  const { flags, month } = columns;
  const regions = columns.codes.region;
  const perpetrators = columns.masks.perpetrator;
  const harms = columns.masks.violence;
  const { need, region, perpetrator, violence, orgBits, lo, hi } = f;
  const length = columns.length;
  for (let i = 0; i < length; i++) {
    if (((flags[i] as number) & need) !== need) continue;
    const m = month[i] as number;
    if (m < lo || m > hi) continue;
    if (orgBits && ((orgBits[i >>> 5] as number) & (1 << (i & 31))) === 0) continue;
    // The month span is that of every report in scope, before the other filters (see
    // orgMonthSpan): where a filtered series starts would itself say something.
    if (m < spanLo) spanLo = m;
    if (m > spanHi) spanHi = m;
    if (region !== undefined && regions[i] !== region) continue;
    if (perpetrator !== undefined && ((perpetrators[i] as number) & perpetrator) === 0) continue;
    if (violence !== undefined && ((harms[i] as number) & violence) === 0) continue;
    rows[count++] = i;
  }
  return { rows, count, spanLo, spanHi };
}

/** Adds one single-valued axis to each selected report's cell; -1 marks a code outside it. */
function addAxis(
  cell: Int32Array,
  rows: Int32Array,
  column: Uint8Array | Int32Array,
  offset: number,
  size: number,
  stride: number,
): void {
  for (let k = 0; k < cell.length; k++) {
    const at = (column[rows[k] as number] as number) - offset;
    const c = cell[k] as number;
    // A code outside the vocabulary: counted in the total, in no cell.
    cell[k] = c < 0 || at < 0 || at >= size ? -1 : c + at * stride;
  }
}

function tally(grid: Uint32Array, cell: Int32Array): void {
  for (let k = 0; k < cell.length; k++) {
    const c = cell[k] as number;
    if (c >= 0) grid[c] = (grid[c] as number) + 1;
  }
}

/** A report counts once under each value of its multi-valued fact. */
function fanOutOne(
  grid: Uint32Array,
  cell: Int32Array,
  rows: Int32Array,
  mask: Uint32Array,
  stride: number,
): void {
  for (let k = 0; k < cell.length; k++) {
    const c = cell[k] as number;
    if (c < 0) continue;
    let bits = mask[rows[k] as number] as number;
    while (bits !== 0) {
      const low = bits & -bits;
      const at = c + (31 - Math.clz32(low)) * stride;
      grid[at] = (grid[at] as number) + 1;
      bits ^= low;
    }
  }
}

/** ... and once under each pair of values of two multi-valued facts. */
function fanOutTwo(
  grid: Uint32Array,
  cell: Int32Array,
  rows: Int32Array,
  mask0: Uint32Array,
  stride0: number,
  mask1: Uint32Array,
  stride1: number,
): void {
  for (let k = 0; k < cell.length; k++) {
    const c = cell[k] as number;
    if (c < 0) continue;
    const row = rows[k] as number;
    let a = mask0[row] as number;
    while (a !== 0) {
      const lowA = a & -a;
      const base = c + (31 - Math.clz32(lowA)) * stride0;
      let b = mask1[row] as number;
      while (b !== 0) {
        const lowB = b & -b;
        const at = base + (31 - Math.clz32(lowB)) * stride1;
        grid[at] = (grid[at] as number) + 1;
        b ^= lowB;
      }
      a ^= lowA;
    }
  }
}
