import { describe, expect, it } from 'vitest';
import { makeClientKey } from '../../api/plugins/protection.ts';
import { loadSodium } from '../../src/crypto/sodium.ts';

const sodium = await loadSodium();

describe('client pseudonym for rate limits', () => {
  it('is stable within a day and unlike the address', () => {
    const key = makeClientKey(sodium, () => new Date('2026-11-23T10:00:00Z'));
    const a = key('203.0.113.7');
    expect(a).toBe(key('203.0.113.7'));
    expect(a).not.toContain('203.0.113.7');
    expect(key('203.0.113.8')).not.toBe(a);
  });

  it('changes when the UTC day changes, also for a remembered connection', () => {
    let now = new Date('2026-11-23T23:59:59Z');
    const key = makeClientKey(sodium, () => now);
    const connection = {};
    const today = key('203.0.113.7', connection);
    expect(key('203.0.113.7', connection)).toBe(today);
    now = new Date('2026-11-24T00:00:01Z');
    const tomorrow = key('203.0.113.7', connection);
    expect(tomorrow).not.toBe(today);
    expect(key('203.0.113.7')).toBe(tomorrow);
  });

  it('gives a connection the same pseudonym as its address, and never reuses it for another address', () => {
    const key = makeClientKey(sodium, () => new Date('2026-11-23T10:00:00Z'));
    const connection = {};
    expect(key('203.0.113.7', connection)).toBe(key('203.0.113.7'));
    expect(key('198.51.100.1', connection)).toBe(key('198.51.100.1'));
    expect(key('198.51.100.1', connection)).not.toBe(key('203.0.113.7'));
  });
});
