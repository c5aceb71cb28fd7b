// The exact samplers against their exact distributions: frequencies of Bernoulli(exp(−γ)),
// a chi-square goodness-of-fit of the discrete Gaussian against its probability mass, and the
// CSPRNG's uniformity. Seeded, so a failure replays; the thresholds are far in the tails
// (p < 1e-6), so a correct sampler does not fail by chance on any seed we would pick.
import { describe, expect, it } from 'vitest';
import { secureRandomBelow } from '../../../src/crypto/sodium.ts';
import {
  bernoulliExpNeg,
  discreteGaussianPmf,
  isqrt,
  rationalOf,
  sampleDiscreteGaussian,
  sampleDiscreteLaplace,
} from '../../../src/statistics/discrete-gaussian.ts';
import { seededRandomBelow } from '../../helpers/seeded-random.ts';

/** Chi-square statistic over bins, merging tail bins until each expects at least 5. */
function chiSquare(
  observed: Map<number, number>,
  pmf: (x: number) => number,
  n: number,
  reach: number,
) {
  const bins: Array<{ obs: number; exp: number }> = [];
  let tailObs = 0;
  let tailExp = 1;
  for (let x = -reach; x <= reach; x++) {
    const exp = n * pmf(x);
    tailExp -= pmf(x);
    bins.push({ obs: observed.get(x) ?? 0, exp });
  }
  for (const [x, c] of observed) if (Math.abs(x) > reach) tailObs += c;
  bins.push({ obs: tailObs, exp: n * Math.max(tailExp, 0) });
  const merged: Array<{ obs: number; exp: number }> = [];
  for (const b of bins) {
    const last = merged.at(-1);
    if (last && last.exp < 5) {
      last.obs += b.obs;
      last.exp += b.exp;
    } else merged.push({ ...b });
  }
  const stat = merged.reduce((s, b) => s + (b.exp > 0 ? (b.obs - b.exp) ** 2 / b.exp : 0), 0);
  return { stat, df: merged.length - 1 };
}

/** How many times each value came out of `n` draws. */
function tally(n: number, draw: () => number): Map<number, number> {
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = draw();
    seen.set(x, (seen.get(x) ?? 0) + 1);
  }
  return seen;
}

/** Wilson–Hilferty: the chi-square quantile for a far tail (z = 5, p ≈ 3e-7). */
function chiSquareCritical(df: number, z = 5): number {
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

describe('Bernoulli(exp(−γ))', () => {
  it.each([
    [0n, 1n],
    [1n, 2n],
    [1n, 1n],
    [23n, 10n],
    [7n, 3n],
  ])('γ = %s/%s comes out true with probability exp(−γ)', (num, den) => {
    const rand = seededRandomBelow(`bern-${num}-${den}`);
    const n = 40_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (bernoulliExpNeg(rand, num, den)) hits++;
    const p = Math.exp(-Number(num) / Number(den));
    const sd = Math.sqrt(n * p * (1 - p) || 1);
    expect(Math.abs(hits - n * p)).toBeLessThan(5 * sd + 1);
  });
});

describe('discrete Laplace and discrete Gaussian', () => {
  it('discrete Laplace of scale t has P(x) ∝ exp(−|x|/t)', () => {
    const rand = seededRandomBelow('laplace');
    const t = 3;
    const n = 40_000;
    const seen = tally(n, () => Number(sampleDiscreteLaplace(rand, BigInt(t))));
    const a = Math.exp(-1 / t);
    const pmf = (x: number): number => ((1 - a) / (1 + a)) * a ** Math.abs(x);
    const { stat, df } = chiSquare(seen, pmf, n, 15);
    expect(stat).toBeLessThan(chiSquareCritical(df));
  });

  it.each([0.4, 3.0625, 8.29, 29.16])(
    'σ² = %s: frequencies fit the exact probability mass (chi-square), mean 0, variance σ²',
    (sigma2) => {
      const rand = seededRandomBelow(`gauss-${sigma2}`);
      const n = 40_000;
      const seen = tally(n, () => Number(sampleDiscreteGaussian(rand, rationalOf(sigma2))));
      let sum = 0;
      let sq = 0;
      for (const [x, times] of seen) {
        sum += x * times;
        sq += x * x * times;
      }
      const reach = Math.ceil(4 * Math.sqrt(sigma2)) + 1;
      const { stat, df } = chiSquare(seen, (x) => discreteGaussianPmf(sigma2, x), n, reach);
      expect(stat).toBeLessThan(chiSquareCritical(df));
      // The variance of the discrete Gaussian is slightly below σ² for small σ; within 3 %.
      const mean = sum / n;
      expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(sigma2 / n));
      expect(sq / n).toBeGreaterThan(sigma2 * 0.94 - 0.05);
      expect(sq / n).toBeLessThan(sigma2 * 1.06);
    },
  );

  it('is not the wrong distribution: a Laplace of the same variance fails the same fit', () => {
    // Guards the fit itself: if the chi-square could not tell these apart, the test above
    // would prove nothing.
    const rand = seededRandomBelow('wrong');
    const sigma2 = 8.29;
    const n = 40_000;
    const seen = tally(n, () => Number(sampleDiscreteLaplace(rand, 2n)));
    const { stat, df } = chiSquare(seen, (x) => discreteGaussianPmf(sigma2, x), n, 13);
    expect(stat).toBeGreaterThan(chiSquareCritical(df));
  });

  it('refuses a non-positive σ² or a negative γ, and isqrt is exact', () => {
    const rand = seededRandomBelow('refuse');
    expect(() => sampleDiscreteGaussian(rand, { num: 0n, den: 1n })).toThrow(RangeError);
    expect(() => bernoulliExpNeg(rand, -1n, 1n)).toThrow(RangeError);
    for (const n of [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 10n ** 30n, 10n ** 30n - 1n]) {
      const r = isqrt(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
    }
  });
});

describe('secureRandomBelow', () => {
  it.each([7n, 1000n, 2n ** 32n, 2n ** 40n + 3n])('is uniform below %s', (bound) => {
    const rand = secureRandomBelow();
    const bins = 7;
    const counts = new Array<number>(bins).fill(0);
    const n = 35_000;
    for (let i = 0; i < n; i++) {
      const x = rand(bound);
      expect(x >= 0n && x < bound).toBe(true);
      // Bins by value range, so the high bits are checked too.
      const bin = Number((x * BigInt(bins)) / bound);
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
    const exp = n / bins;
    const stat = counts.reduce((s, c) => s + (c - exp) ** 2 / exp, 0);
    expect(stat).toBeLessThan(chiSquareCritical(bins - 1));
  });
});
