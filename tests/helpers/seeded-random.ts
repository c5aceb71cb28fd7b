// A reproducible uniform integer source for the samplers' statistical tests: SHA-256 in counter
// mode from a seed. Not for production (src/crypto/sodium.ts secureRandomBelow is).
import { createHash } from 'node:crypto';
import type { RandomBelow } from '../../src/statistics/discrete-gaussian.ts';

export function seededRandomBelow(seed: string | number): RandomBelow {
  let counter = 0;
  let pool: Buffer = Buffer.alloc(0);
  const take = (bytes: number): Buffer => {
    while (pool.length < bytes) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, bytes);
    pool = pool.subarray(bytes);
    return out;
  };
  return (n: bigint): bigint => {
    if (n <= 0n) throw new RangeError('n must be positive');
    const bits = n.toString(2).length;
    const bytes = Math.ceil(bits / 8);
    const mask = (1n << BigInt(bits)) - 1n;
    for (;;) {
      let x = 0n;
      for (const b of take(bytes)) x = (x << 8n) | BigInt(b);
      x &= mask;
      if (x < n) return x;
    }
  };
}
