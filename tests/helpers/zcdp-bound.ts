// How well any attacker can tell two datasets apart from answers with Gaussian noise, as zCDP
// bounds it: the yardstick for the automated attacks (tests/src/statistics/attacks.test.ts).

/** Standard normal CDF (Abramowitz–Stegun 7.1.26; error < 1.5e-7). */
function phi(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/**
 * The best balanced accuracy of any test between two datasets whose Gaussian-noised answers
 * differ by ρ (zCDP): Φ(√(2ρ)/2). A pure bound: post-processing cannot raise it.
 */
export function bestAccuracy(rho: number): number {
  return phi(Math.sqrt(2 * rho) / 2);
}
