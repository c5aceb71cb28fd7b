// Complementary suppression: within one table, no withheld cell can be worked out from the
// published cells and the row, column and grand totals, however the subtraction is iterated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSmall, suppressTable } from '../../../src/statistics/suppression.ts';
import { recoverByAlgebra, recoverBySubtraction } from '../../helpers/table-attack.ts';

const K = 5;

// Tables with many small counts and zeros, as real tables early on have.
const tableArb = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 })
  .filter((sizes) => sizes.some((s) => s > 1))
  .chain((sizes) => {
    const n = sizes.reduce((a, b) => a * b, 1);
    const value = fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 4, arbitrary: fc.integer({ min: 1, max: K - 1 }) },
      { weight: 3, arbitrary: fc.integer({ min: K, max: 40 }) },
    );
    return fc.record({
      sizes: fc.constant(sizes),
      values: fc.array(value, { minLength: n, maxLength: n }),
    });
  });

describe('suppressTable', () => {
  it('withholds nothing when no cell is small', () => {
    const result = suppressTable([0, 5, 9, 12], [2, 2], K);
    expect(result).toEqual({ suppressed: [false, false, false, false], withheld: false });
  });

  it('adds complements so that a lone small cell cannot be subtracted from its row', () => {
    // 2 | 9 | 7        a row total of 18 and the 9 and 7 would give the 2 away
    // 8 | 6 | 10
    const values = [2, 9, 7, 8, 6, 10];
    const result = suppressTable(values, [2, 3], K);
    expect(result.withheld).toBe(false);
    expect(result.suppressed.filter(Boolean)).toHaveLength(4);
    expect(result.suppressed[0]).toBe(true);
    // The rectangle that withholds the least: 9 + 8 + 6 rather than 7 + 8 + 10.
    expect(result.suppressed).toEqual([true, true, false, true, true, false]);
    const attack = { values, sizes: [2, 3], suppressed: result.suppressed };
    expect(recoverBySubtraction(attack)).toEqual([]);
    expect(recoverByAlgebra(attack)).toEqual([]);
  });

  it('withholds a whole table that has no safe pattern, and says so', () => {
    const result = suppressTable([1, 0, 0, 30], [2, 2], K);
    expect(result.withheld).toBe(true);
    expect(result.suppressed.every(Boolean)).toBe(true);
  });

  it('treats an axis of length 1 as absent', () => {
    const result = suppressTable([3, 8, 0], [1, 3], K);
    expect(result).toEqual({ suppressed: [true, true, false], withheld: false });
  });

  it('the attacker does recover cells when only the small cells are withheld', () => {
    const values = [2, 9, 7, 8, 6, 10];
    const primaryOnly = values.map((v) => isSmall(v, K));
    expect(recoverBySubtraction({ values, sizes: [2, 3], suppressed: primaryOnly })).toEqual([0]);
    // Two cells in each line is not enough either: two blocks joined by one cell.
    const sizes = [4, 4];
    const bridge = [
      [1, 1, 0, 0],
      [1, 1, 1, 0],
      [0, 0, 1, 1],
      [0, 0, 1, 1],
    ].flat();
    const grid = [3, 3, 9, 9, 3, 3, 3, 9, 9, 9, 3, 3, 9, 9, 3, 3];
    const attack = { values: grid, sizes, suppressed: bridge.map(Boolean) };
    expect(recoverBySubtraction(attack)).toEqual([]);
    expect(recoverByAlgebra(attack)).toEqual([6]);
  });

  it('no withheld cell of a random 1-, 2- or 3-D table can be recovered', () => {
    fc.assert(
      fc.property(tableArb, ({ sizes, values }) => {
        const result = suppressTable(values, sizes, K);
        // Every small cell is withheld, and every published cell shows its true value.
        values.forEach((v, i) => {
          if (isSmall(v, K)) expect(result.suppressed[i]).toBe(true);
        });
        if (result.withheld) return;
        expect(values.some((v, i) => v === 0 && result.suppressed[i])).toBe(false);
        const attack = { values, sizes, suppressed: result.suppressed };
        expect(recoverBySubtraction(attack)).toEqual([]);
        expect(recoverByAlgebra(attack)).toEqual([]);
      }),
      { numRuns: 2000, seed: 20261123 },
    );
  });

  it('publishes most random tables rather than withholding them', () => {
    let withheld = 0;
    fc.assert(
      fc.property(tableArb, ({ sizes, values }) => {
        if (suppressTable(values, sizes, K).withheld) withheld++;
      }),
      { numRuns: 500, seed: 7 },
    );
    expect(withheld).toBeLessThan(500);
  });
});
