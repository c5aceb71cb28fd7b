// The two throttles: per e-mail for staff sign-in, and one shared budget for receipt look-ups.
import { describe, expect, it } from 'vitest';
import { GlobalThrottle } from '../../../api/guards/global-throttle.ts';
import { BUSY_WAIT_MS, FREE_FAILURES, LoginThrottle } from '../../../api/guards/login-throttle.ts';

describe('sign-in throttle', () => {
  it('lets a few mistakes pass, then doubles the wait with each failure', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < FREE_FAILURES - 1; i++) t.failed('a@x', 0);
    expect(t.waitFor('a@x', 0)).toBe(0);
    t.failed('a@x', 0);
    expect(t.waitFor('a@x', 0)).toBe(1000);
    t.failed('a@x', 1000);
    expect(t.waitFor('a@x', 1000)).toBe(2000);
    t.failed('a@x', 3000);
    expect(t.waitFor('a@x', 3000)).toBe(4000);
  });

  it('stops growing at fifteen minutes, and forgets after a success', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 40; i++) t.failed('b@x', 0);
    expect(t.waitFor('b@x', 0)).toBe(15 * 60 * 1000);
    t.succeeded('b@x');
    expect(t.waitFor('b@x', 0)).toBe(0);
  });

  it('lets one attempt per address be under way at a time, and another once it ends', () => {
    const t = new LoginThrottle();
    expect(t.begin('e@x', 0)).toBe(0);
    expect(t.begin('e@x', 0)).toBe(BUSY_WAIT_MS);
    expect(t.begin('f@x', 0)).toBe(0);
    t.failed('e@x', 0);
    t.end('e@x');
    expect(t.begin('e@x', 0)).toBe(0);
    t.succeeded('e@x');
    t.end('e@x');
    expect(t.waitFor('e@x', 0)).toBe(0);
  });

  it('keeps one address’s failures from slowing another', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 10; i++) t.failed('c@x', 0);
    expect(t.waitFor('d@x', 0)).toBe(0);
  });
});

describe('shared look-up throttle', () => {
  it('allows the budget per window to everybody together, then refuses until the next window', () => {
    const t = new GlobalThrottle(3, 60_000);
    expect([t.take(0), t.take(10), t.take(20), t.take(30)]).toEqual([true, true, true, false]);
    expect(t.take(59_999)).toBe(false);
    expect(t.take(60_000)).toBe(true);
  });
});
