// The worker pool that hashes and checks staff passwords (api/services/workspace/password-pool.ts): real
// Argon2id hashes, a bound on what may wait, a worker that dies taking only its own check with
// it, and a close that refuses what waits.
import { afterEach, describe, expect, it } from 'vitest';
import { PasswordPool } from '../../../api/services/workspace/password-pool.ts';
import { loadSodium } from '../../../src/crypto/sodium.ts';
import { hashPassword, verifyPassword } from '../../../src/crypto/staff-credentials.ts';
import { CRASH } from '../../helpers/held-password-worker.ts';
import { HeldPasswords } from '../../helpers/held-passwords.ts';

let pool: PasswordPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('PasswordPool', () => {
  it('hashes and checks with Argon2id, interchangeably with the same code run in this thread', async () => {
    pool = new PasswordPool({ size: 1, queue: 4 });
    const sodium = await loadSodium();
    const hash = await pool.hash('una clave larga de prueba');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(verifyPassword(sodium, hash, 'una clave larga de prueba')).toBe(true);
    const here = hashPassword(sodium, 'otra clave larga de prueba');
    expect(await pool.verify(here, 'otra clave larga de prueba')).toBe(true);
    expect(await pool.verify(here, 'no es la clave')).toBe(false);
    // An unknown e-mail: a full check that nothing passes.
    expect(await pool.verify(null, 'otra clave larga de prueba')).toBe(false);
    expect(await pool.verify(null, '')).toBe(false);
    expect(pool.pending).toBe(0);
  });

  it('takes as many checks as workers plus queue, and refuses the next at once', async () => {
    const held = new HeldPasswords({ size: 1, queue: 2 });
    pool = held.pool;
    const admitted = [1, 2, 3].map(() => held.pool.verify(null, 'x'));
    await expect(held.pool.verify(null, 'x')).rejects.toMatchObject({
      statusCode: 503,
      code: 'passwords_busy',
      retryAfterS: 2,
    });
    expect(held.pool.pending).toBe(3);
    held.release();
    expect(await Promise.all(admitted)).toEqual([false, false, false]);
    expect(held.pool.pending).toBe(0);
    expect(await held.pool.verify(null, 'x')).toBe(false);
  });

  it('fails only the check a dying worker held, and starts another for the rest', async () => {
    const held = new HeldPasswords({ size: 1, queue: 2 });
    pool = held.pool;
    const sodium = await loadSodium();
    const hash = hashPassword(sodium, 'la buena');
    const lost = held.pool.verify(hash, CRASH);
    const next = held.pool.verify(hash, 'la buena');
    held.release();
    await expect(lost).rejects.toThrow(/password worker stopped/);
    expect(await next).toBe(true);
  });

  it('on close, refuses what waits and what comes after, and ends a worker even mid-check', async () => {
    const held = new HeldPasswords({ size: 1, queue: 2 });
    const checks = Promise.allSettled([held.pool.verify(null, 'x'), held.pool.verify(null, 'y')]);
    await expect.poll(() => held.started).toBe(1);
    await held.pool.close();
    for (const outcome of await checks) {
      expect(outcome.status).toBe('rejected');
      expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/closed/);
    }
    await expect(held.pool.hash('z')).rejects.toThrow(/closed/);
  });
});
