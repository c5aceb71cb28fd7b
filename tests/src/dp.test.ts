// Discrete Laplace noise: fixed per release seed and cell, and of the scale ε promises.
import { describe, expect, it } from 'vitest';
import { keyedHash, loadSodium, NOISE_SEED_BYTES, randomSecret } from '../../src/crypto.ts';
import {
  alphaFor,
  discreteLaplace,
  discreteLaplaceVariance,
  noisyCount,
  tableSensitivity,
  uniformsFrom,
} from '../../src/dp.ts';

async function noiseSource(seed?: Uint8Array) {
  const sodium = await loadSodium();
  const key = seed ?? randomSecret(sodium, NOISE_SEED_BYTES);
  return (label: string, alpha: number): number => {
    const [u1, u2] = uniformsFrom(keyedHash(sodium, key, label));
    return discreteLaplace(u1, u2, alpha);
  };
}

describe('discrete Laplace noise', () => {
  it('is the same for the same seed and cell, so repeating a query cannot average it away', async () => {
    const sodium = await loadSodium();
    const seed = randomSecret(sodium, NOISE_SEED_BYTES);
    const a = await noiseSource(seed);
    const b = await noiseSource(new Uint8Array(seed));
    const alpha = alphaFor(0.5, 1);
    const labels = Array.from({ length: 200 }, (_, i) => `release-1/t0/police|${i}`);
    const first = labels.map((l) => a(l, alpha));
    expect(labels.map((l) => b(l, alpha))).toEqual(first);
    expect(labels.map((l) => a(l, alpha))).toEqual(first);
    // Averaging many answers for one cell gives back that cell's one noise value.
    const repeats = Array.from({ length: 50 }, () => a(labels[0] ?? '', alpha));
    expect(new Set(repeats).size).toBe(1);
  });

  it('differs between cells and between releases', async () => {
    const alpha = alphaFor(0.5, 1);
    const a = await noiseSource();
    const b = await noiseSource();
    const labels = Array.from({ length: 200 }, (_, i) => `cell-${i}`);
    const fromA = labels.map((l) => a(l, alpha));
    const fromB = labels.map((l) => b(l, alpha));
    expect(new Set(fromA).size).toBeGreaterThan(5);
    expect(fromA.filter((x, i) => x !== fromB[i]).length).toBeGreaterThan(100);
  });

  it.each([
    [1, 1],
    [0.5, 1],
    [1, 14],
  ])('has the variance 2α/(1−α)² for ε=%f and sensitivity %i', async (epsilon, sensitivity) => {
    const alpha = alphaFor(epsilon, sensitivity);
    const draw = await noiseSource();
    const n = 40_000;
    const xs = Array.from({ length: n }, (_, i) => draw(`c${i}`, alpha));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    const expected = discreteLaplaceVariance(alpha);
    // The sample variance of n draws has a relative standard error of about sqrt(5/n) for
    // this distribution's tails; 8% is several standard errors.
    expect(Math.abs(variance - expected) / expected).toBeLessThan(0.08);
    expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(expected / n));
    // Symmetric: as many above zero as below.
    const above = xs.filter((x) => x > 0).length;
    const below = xs.filter((x) => x < 0).length;
    expect(Math.abs(above - below) / n).toBeLessThan(0.02);
    // And integer.
    expect(xs.every(Number.isInteger)).toBe(true);
  });

  it('gives P(0) = (1−α)/(1+α)', async () => {
    const alpha = alphaFor(1, 1);
    const draw = await noiseSource();
    const n = 40_000;
    const zeros = Array.from({ length: n }, (_, i) => draw(`z${i}`, alpha)).filter((x) => x === 0);
    expect(zeros.length / n).toBeCloseTo((1 - alpha) / (1 + alpha), 1);
  });
});

describe('sensitivity and clamping', () => {
  it('counts one cell per value of each multi-valued fact, plus the total', () => {
    expect(tableSensitivity(['region'])).toBe(2);
    expect(tableSensitivity(['month', 'region'])).toBe(2);
    expect(tableSensitivity(['perpetrator', 'region'])).toBe(14);
    expect(tableSensitivity(['perpetrator', 'violence'])).toBe(13 * 13 + 1);
  });

  it('never publishes a negative count', () => {
    expect(noisyCount(2, -5)).toBe(0);
    expect(noisyCount(2, 3)).toBe(5);
  });

  it('refuses a non-positive ε', () => {
    expect(() => alphaFor(0, 1)).toThrow(RangeError);
  });
});
