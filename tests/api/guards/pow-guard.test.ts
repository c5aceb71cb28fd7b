// The proof-of-work guard remembers spent challenges only while they could still be accepted.
import { describe, expect, it } from 'vitest';
import { PowGuard } from '../../../api/guards/pow-guard.ts';
import { solve } from '../../../src/crypto/pow.ts';
import { loadSodium } from '../../../src/crypto/sodium.ts';

describe('PowGuard', () => {
  it('refuses a spent challenge until it expires, then forgets it', async () => {
    const sodium = await loadSodium();
    let now = new Date('2026-06-15T12:00:00Z');
    const guard = new PowGuard(sodium, 4, 1000, () => now);
    const solved = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const c = guard.issue();
        return { challenge: c.challenge, nonce: await solve(sodium, c.challenge, c.difficulty) };
      }),
    );
    for (const p of solved) expect(guard.verify(p.challenge, p.nonce)).toBe('ok');
    for (const p of solved) expect(guard.verify(p.challenge, p.nonce)).toBe('reused');
    expect(guard.spentCount).toBe(5);

    // An hour later they are still spent, and a new one joins them.
    now = new Date('2026-06-15T13:00:00Z');
    const later = guard.issue();
    const laterNonce = await solve(sodium, later.challenge, later.difficulty);
    expect(guard.verify(later.challenge, laterNonce)).toBe('ok');
    expect(guard.verify(solved[0]?.challenge ?? '', solved[0]?.nonce ?? '')).toBe('reused');
    expect(guard.spentCount).toBe(6);

    // Past the first five's lifetime they can no longer be used (expired), so they are dropped.
    now = new Date('2026-06-15T14:01:00Z');
    const last = guard.issue();
    expect(guard.verify(last.challenge, await solve(sodium, last.challenge, last.difficulty))).toBe(
      'ok',
    );
    expect(guard.verify(solved[0]?.challenge ?? '', solved[0]?.nonce ?? '')).toBe('expired');
    expect(guard.spentCount).toBe(2);

    // Should the clock step back, the forgotten challenges still count as expired.
    now = new Date('2026-06-15T13:30:00Z');
    expect(guard.verify(solved[1]?.challenge ?? '', solved[1]?.nonce ?? '')).toBe('expired');
  });
});
