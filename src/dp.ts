// Differential privacy for released tables: discrete Laplace (two-sided geometric) noise.
// Pure: the randomness comes in as uniform numbers, drawn by the caller from a keyed hash of
// the release's secret seed and the cell, so a cell's noise is fixed for the release and asking
// again does not average it away.
import type { Dimension } from './stats.ts';
import { PERPETRATOR_CODES, VIOLENCE_CODES } from './vocabulary.ts';

/** P(Z = z) ∝ alpha^|z|, with alpha = exp(-epsilon / sensitivity). */
export function alphaFor(epsilon: number, sensitivity: number): number {
  if (!(epsilon > 0) || !(sensitivity > 0)) throw new RangeError('epsilon and sensitivity > 0');
  return Math.exp(-epsilon / sensitivity);
}

/** Variance of the discrete Laplace distribution: 2α / (1 − α)². */
export function discreteLaplaceVariance(alpha: number): number {
  return (2 * alpha) / (1 - alpha) ** 2;
}

/** A geometric count of failures, P(G = g) = (1 − α) α^g, from u in (0, 1]. */
function geometric(u: number, alpha: number): number {
  return Math.floor(Math.log(u) / Math.log(alpha));
}

/**
 * The difference of two independent geometric variables is discrete Laplace. u1 and u2 must be
 * independent uniforms in (0, 1].
 */
export function discreteLaplace(u1: number, u2: number, alpha: number): number {
  return geometric(u1, alpha) - geometric(u2, alpha);
}

/** Two uniforms in (0, 1] from the first 16 bytes of a hash (53 bits each). */
export function uniformsFrom(bytes: Uint8Array): [number, number] {
  const read = (offset: number): number => {
    let x = 0;
    for (let i = 0; i < 7; i++) x = x * 256 + (bytes[offset + i] ?? 0);
    // 56 bits read, 53 kept: the most a double holds exactly.
    return (Math.floor(x / 8) + 1) / 2 ** 53;
  };
  if (bytes.length < 16) throw new RangeError('need 16 bytes of hash');
  return [read(0), read(8)];
}

const MULTI_VALUED: ReadonlySet<Dimension> = new Set(['perpetrator', 'violence']);
const MAX_VALUES: Partial<Record<Dimension, number>> = {
  perpetrator: PERPETRATOR_CODES.length,
  violence: VIOLENCE_CODES.length,
};

/**
 * How many published numbers of one table a single report can change by 1: one cell per
 * value of each multi-valued fact it has (up to every code), plus the total.
 */
export function tableSensitivity(by: readonly Dimension[]): number {
  return by.reduce((n, d) => n * (MULTI_VALUED.has(d) ? (MAX_VALUES[d] ?? 1) : 1), 1) + 1;
}

/** A noisy count is never shown below zero: clamping is post-processing and costs no privacy. */
export function noisyCount(count: number, noise: number): number {
  return Math.max(0, count + noise);
}
