// Exact samplers for differential privacy, after Canonne, Kamath and Steinke, "The Discrete
// Gaussian for Differential Privacy" (2020), Algorithms 1-3, as OpenDP implements them. Every
// step works on integers and rationals (BigInt): no floating-point logarithm or exponential,
// whose rounding leaks (Mironov 2012). Pure: randomness comes in through `RandomBelow`.

/** Uniform integer in [0, n). Production passes a CSPRNG (src/crypto/sodium.ts secureRandomBelow). */
export type RandomBelow = (n: bigint) => bigint;

/** A rational number num / den with den > 0. */
export type Rational = { num: bigint; den: bigint };

function bernoulli(rand: RandomBelow, num: bigint, den: bigint): boolean {
  return rand(den) < num;
}

/** Bernoulli(exp(−γ)) for a rational γ = num / den ≥ 0 (CKS Algorithm 1). */
export function bernoulliExpNeg(rand: RandomBelow, num: bigint, den: bigint): boolean {
  if (num < 0n || den <= 0n) throw new RangeError('γ must be a non-negative rational');
  if (num <= den) {
    // exp(−γ) for γ in [0, 1]: the parity of the first K with Bernoulli(γ / K) false.
    let k = 1n;
    while (bernoulli(rand, num, den * k)) k++;
    return k % 2n === 1n;
  }
  for (let i = 0n; i < num / den; i++) if (!bernoulliExpNeg(rand, 1n, 1n)) return false;
  return bernoulliExpNeg(rand, num % den, den);
}

/** Discrete Laplace with integer scale t ≥ 1: P(x) ∝ exp(−|x| / t) (CKS Algorithm 2). */
export function sampleDiscreteLaplace(rand: RandomBelow, t: bigint): bigint {
  if (t < 1n) throw new RangeError('scale must be at least 1');
  for (;;) {
    const u = rand(t);
    if (!bernoulliExpNeg(rand, u, t)) continue;
    let v = 0n;
    while (bernoulliExpNeg(rand, 1n, 1n)) v++;
    const x = u + t * v;
    const negative = bernoulli(rand, 1n, 2n);
    if (negative && x === 0n) continue;
    return negative ? -x : x;
  }
}

/** floor(sqrt(n)) for n ≥ 0. */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('negative');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

/**
 * Discrete Gaussian with variance parameter σ² (a rational): P(x) ∝ exp(−x² / 2σ²)
 * (CKS Algorithm 3). Rejection from a discrete Laplace of scale t = ⌊σ⌋ + 1.
 */
export function sampleDiscreteGaussian(rand: RandomBelow, sigma2: Rational): bigint {
  const { num: sn, den: sd } = sigma2;
  if (sn <= 0n || sd <= 0n) throw new RangeError('σ² must be positive');
  const t = isqrt(sn / sd) + 1n;
  for (;;) {
    const y = sampleDiscreteLaplace(rand, t);
    const abs = y < 0n ? -y : y;
    // γ = (|y| − σ²/t)² / (2σ²) = (|y|·sd·t − sn)² / (2·sn·sd·t²)
    const diff = abs * sd * t - sn;
    if (bernoulliExpNeg(rand, diff * diff, 2n * sn * sd * t * t)) return y;
  }
}

/** σ² as a rational with a fixed denominator, from a positive number. */
export function rationalOf(value: number, den = 1_000_000n): Rational {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError('must be a positive number');
  const num = BigInt(Math.round(value * Number(den)));
  return { num: num > 0n ? num : 1n, den };
}

/** The exact probability mass of the discrete Gaussian at x (for tests and intervals). */
export function discreteGaussianPmf(sigma2: number, x: number, support = 60): number {
  let z = 0;
  const reach = Math.ceil(Math.sqrt(sigma2) * support) + 1;
  for (let i = -reach; i <= reach; i++) z += Math.exp((-i * i) / (2 * sigma2));
  return Math.exp((-x * x) / (2 * sigma2)) / z;
}
