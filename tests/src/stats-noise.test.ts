// Noise in a table: every cell gets it (zeros too, or the zeros would stand out), the total
// too, and small noisy counts are then withheld like any other.
import { expect, it } from 'vitest';
import { buildTable } from '../../src/stats.ts';

it('adds each cell its own noise, clamps at zero, and suppresses on the noisy counts', () => {
  const seen: string[] = [];
  const noise = (cell: string): number => {
    seen.push(cell);
    return ({ yes: 3, no: -2, refused: -9, total: 1 } as Record<string, number>)[cell] ?? 0;
  };
  const table = buildTable({
    by: ['reportedToAuthority'],
    counts: [
      { key: ['no'], count: 20 },
      { key: ['refused'], count: 6 },
    ],
    total: 26,
    k: 5,
    noise,
  });
  expect(seen.sort()).toEqual(['no', 'refused', 'total', 'yes']);
  expect(table.cells).toEqual([
    // 20 − 2 = 18, withheld as the complement that protects the small cell below.
    { reportedToAuthority: 'no', count: null, suppressed: true },
    // 0 + 3: a zero that noise made small is withheld, so a reader cannot tell it was zero.
    { reportedToAuthority: 'yes', count: null, suppressed: true },
    { reportedToAuthority: 'refused', count: 0, suppressed: false },
  ]);
  // 26 + 1; and 6 − 9 clamps to 0.
  expect(table.total).toBe(27);
});
