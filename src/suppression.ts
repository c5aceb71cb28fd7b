// Primary and complementary cell suppression for one count table of 1 to 3 dimensions.
//
// Threat model: a reader knows every published cell, every row, column (and, in 3-D, pillar)
// total and the grand total exactly, and knows that every withheld cell is at least 1 (zeros
// are never withheld, except when a whole table is). For each withheld cell we keep a proof that
// it cannot be worked out: a "box" (2 cells in 1-D, a 2x2 rectangle in 2-D, a 2x2x2 cube in
// 3-D) of withheld cells whose values can all be shifted by +1/-1, alternating along every
// axis, without changing any total and without any cell dropping below 1. Such a shift gives a
// second table that agrees with everything published, so no withheld cell has a single possible
// value. This is the hypercube method (Giessing and Repsilber), with the box chosen to withhold
// as few and as small extra cells as possible. When a small cell has no such box, the whole
// table is withheld rather than publish something that could be undone.

/** How many neighbours per axis the first search tries. */
const SHORTLIST = 6;

export type SuppressionResult = { suppressed: boolean[]; withheld: boolean };

/** Row-major strides: the last dimension varies fastest, as in the table's cell order. */
function stridesOf(sizes: readonly number[]): number[] {
  const strides = sizes.map(() => 1);
  for (let i = sizes.length - 2; i >= 0; i--)
    strides[i] = (strides[i + 1] ?? 1) * (sizes[i + 1] ?? 1);
  return strides;
}

function coordsOf(index: number, sizes: readonly number[], strides: readonly number[]): number[] {
  return sizes.map((size, i) => Math.floor(index / (strides[i] ?? 1)) % size);
}

type Box = { corners: number[]; parity: number[] };

function boxCorners(
  origin: readonly number[],
  alternates: readonly number[],
  strides: readonly number[],
): Box {
  const corners: number[] = [];
  const parity: number[] = [];
  const d = origin.length;
  for (let mask = 0; mask < 1 << d; mask++) {
    let index = 0;
    let odd = 0;
    for (let i = 0; i < d; i++) {
      const useAlt = (mask >> i) & 1;
      odd ^= useAlt;
      index += ((useAlt ? alternates[i] : origin[i]) ?? 0) * (strides[i] ?? 0);
    }
    corners.push(index);
    parity.push(odd);
  }
  return { corners, parity };
}

/** The shift that raises even corners and lowers odd ones (or the reverse) keeps all ≥ 1. */
function canShift(box: Box, values: readonly number[]): boolean {
  const ok = (lowered: number): boolean =>
    box.corners.every((c, i) => (values[c] ?? 0) >= (box.parity[i] === lowered ? 2 : 1));
  return ok(1) || ok(0);
}

export function isPrimary(count: number, k: number): boolean {
  return count > 0 && count < k;
}

/**
 * Decides which cells of a table (values in row-major order, `sizes` per dimension) to withhold
 * so that none can be recovered from the rest and the totals.
 */
export function suppressTable(
  values: readonly number[],
  sizes: readonly number[],
  k: number,
): SuppressionResult {
  const suppressed = values.map((v) => isPrimary(v, k));
  const primaries = values
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => isPrimary(v, k))
    .sort((a, b) => a.v - b.v || a.i - b.i);
  if (primaries.length === 0) return { suppressed, withheld: false };
  // An axis of length 1 has no second cell to pair with; each of its lines is a single cell
  // equal to a total of the same table without that axis, so it adds nothing to protect.
  sizes = sizes.filter((n) => n > 1);
  const strides = stridesOf(sizes);
  const protectedCells = new Set<number>();

  for (const { i: cell } of primaries) {
    if (protectedCells.has(cell)) continue;
    const origin = coordsOf(cell, sizes, strides);
    // Along each axis, only a non-zero neighbour can be a corner next to this cell. Try the
    // most promising few first (already withheld, then at least 2, then smallest), and all of
    // them only when those give no box: this keeps a sparse 240 x 27 table fast.
    const candidates = origin.map((at, axis) => {
      const out: Array<{ alt: number; rank: number }> = [];
      for (let alt = 0; alt < (sizes[axis] ?? 0); alt++) {
        const v = values[cell + (alt - at) * (strides[axis] ?? 0)] ?? 0;
        if (alt === at || v === 0) continue;
        const neighbour = cell + (alt - at) * (strides[axis] ?? 0);
        out.push({ alt, rank: (suppressed[neighbour] ? 0 : 2e9) + (v < 2 ? 1e9 : 0) + v });
      }
      return out.sort((x, y) => x.rank - y.rank).map((c) => c.alt);
    });
    const search = (
      limit: number,
      firstFound: boolean,
    ): { box: Box; added: number; addedSum: number } | null => {
      let best: { box: Box; added: number; addedSum: number } | null = null;
      const choose = (axis: number, alternates: number[]): void => {
        if (firstFound && best) return;
        if (axis === origin.length) {
          const box = boxCorners(origin, alternates, strides);
          if (!canShift(box, values)) return;
          let added = 0;
          let addedSum = 0;
          for (const c of box.corners) {
            if (suppressed[c]) continue;
            added++;
            addedSum += values[c] ?? 0;
          }
          if (!best || added < best.added || (added === best.added && addedSum < best.addedSum))
            best = { box, added, addedSum };
          return;
        }
        for (const alt of (candidates[axis] ?? []).slice(0, limit))
          choose(axis + 1, [...alternates, alt]);
      };
      choose(0, []);
      return best;
    };
    // Past the shortlist, the first workable box in that order is taken: good enough, and it
    // bounds the work on sparse tables where most cells are small.
    const best = search(SHORTLIST, false) ?? search(Number.POSITIVE_INFINITY, true);
    const chosen = best;
    if (!chosen) return { suppressed: values.map(() => true), withheld: true };
    for (const c of chosen.box.corners) {
      suppressed[c] = true;
      protectedCells.add(c);
    }
  }
  return { suppressed, withheld: false };
}
