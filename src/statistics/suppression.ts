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
const SHORTLIST = 4;

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

/** A count of 1..k-1 could single a person out, so it is withheld. Zero is safe to show. */
export function isSmall(count: number, k: number): boolean {
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
  const suppressed = values.map((v) => isSmall(v, k));
  const primaries = values
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => isSmall(v, k))
    .sort((a, b) => a.v - b.v || a.i - b.i);
  if (primaries.length === 0) return { suppressed, withheld: false };
  // An axis of length 1 has no second cell to pair with; each of its lines is a single cell
  // equal to a total of the same table without that axis, so it adds nothing to protect.
  sizes = sizes.filter((n) => n > 1);
  const strides = stridesOf(sizes);
  const protectedCells = new Set<number>();

  const d = sizes.length;
  const corners = 1 << d;
  const box = new Int32Array(corners);
  const parity = new Uint8Array(corners);
  const best = new Int32Array(corners);
  const alternates = new Int32Array(d);

  /** Fills `box` for the current alternates; true when a ±1 shift keeps every corner ≥ 1. */
  const fillAndCheck = (origin: readonly number[]): boolean => {
    for (let mask = 0; mask < corners; mask++) {
      let index = 0;
      let odd = 0;
      for (let i = 0; i < d; i++) {
        const useAlt = (mask >> i) & 1;
        odd ^= useAlt;
        index += (useAlt ? (alternates[i] ?? 0) : (origin[i] ?? 0)) * (strides[i] ?? 0);
      }
      box[mask] = index;
      parity[mask] = odd;
    }
    let raiseEven = true;
    let raiseOdd = true;
    for (let c = 0; c < corners; c++) {
      const v = values[box[c] ?? 0] ?? 0;
      if (v < (parity[c] ? 2 : 1)) raiseEven = false;
      if (v < (parity[c] ? 1 : 2)) raiseOdd = false;
    }
    return raiseEven || raiseOdd;
  };

  for (const { i: cell } of primaries) {
    if (protectedCells.has(cell)) continue;
    const origin = coordsOf(cell, sizes, strides);
    // Along each axis, only a non-zero neighbour can be a corner next to this cell, ranked:
    // at least 2 first (a 1 can only be lowered to 0), then already withheld, then smallest.
    // The shortlist keeps the best few without sorting the whole axis (tables reach 240 rows).
    const rankOf = (neighbour: number): number => {
      const v = values[neighbour] ?? 0;
      return (v < 2 ? 2e9 : 0) + (suppressed[neighbour] ? 0 : 1e9) + v;
    };
    const ranked = (axis: number, keep: number): number[] => {
      const at = origin[axis] ?? 0;
      const stride = strides[axis] ?? 0;
      const alts: number[] = [];
      const ranks: number[] = [];
      for (let alt = 0; alt < (sizes[axis] ?? 0); alt++) {
        const neighbour = cell + (alt - at) * stride;
        if (alt === at || (values[neighbour] ?? 0) === 0) continue;
        const rank = rankOf(neighbour);
        let j = ranks.length;
        if (j >= keep && rank >= (ranks[j - 1] ?? 0)) continue;
        while (j > 0 && (ranks[j - 1] ?? 0) > rank) j--;
        alts.splice(j, 0, alt);
        ranks.splice(j, 0, rank);
        if (alts.length > keep) {
          alts.pop();
          ranks.pop();
        }
      }
      return alts;
    };
    let candidates = origin.map((_, axis) => ranked(axis, SHORTLIST));
    let bestAdded = Number.POSITIVE_INFINITY;
    let bestSum = Number.POSITIVE_INFINITY;
    // Tries boxes over the first `limit` candidates of each axis; keeps the one that withholds
    // the fewest and smallest new cells, stopping at once when one costs nothing or, past the
    // shortlist, at the first that works (this bounds the work on sparse tables).
    const search = (axis: number, limit: number, firstFound: boolean): boolean => {
      if (axis === d) {
        if (!fillAndCheck(origin)) return false;
        let added = 0;
        let sum = 0;
        for (let c = 0; c < corners; c++) {
          const at = box[c] ?? 0;
          if (suppressed[at]) continue;
          added++;
          sum += values[at] ?? 0;
        }
        if (added < bestAdded || (added === bestAdded && sum < bestSum)) {
          bestAdded = added;
          bestSum = sum;
          best.set(box);
        }
        return firstFound || added === 0;
      }
      const list = candidates[axis] ?? [];
      for (let j = 0; j < list.length && j < limit; j++) {
        alternates[axis] = list[j] ?? 0;
        if (search(axis + 1, limit, firstFound)) return true;
      }
      return false;
    };
    search(0, SHORTLIST, false);
    if (bestAdded === Number.POSITIVE_INFINITY) {
      candidates = origin.map((_, axis) => ranked(axis, Number.POSITIVE_INFINITY));
      search(0, Number.POSITIVE_INFINITY, true);
    }
    if (bestAdded === Number.POSITIVE_INFINITY) {
      return { suppressed: values.map(() => true), withheld: true };
    }
    for (const c of best) {
      suppressed[c] = true;
      protectedCells.add(c);
    }
  }
  return { suppressed, withheld: false };
}
