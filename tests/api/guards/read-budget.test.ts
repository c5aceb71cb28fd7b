// Public reads that can be large are budgeted per client by what they send (one unit a request
// and one per 32 KiB), so a client asking only for the largest answers cannot take many times
// the share of one reading the dashboard (security review: four clients on large statistics
// answers made the server refuse proofs of work to everyone).
import { afterEach, expect, it } from 'vitest';
import { BYTES_PER_UNIT } from '../../../api/guards/read-budget.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { sealedSubmission, validFacts } from '../../helpers/reports.ts';
import { publishTestSnapshot } from '../../helpers/snapshots.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

const UNITS = 40;
const from = (address: string, url: string) =>
  t.app.inject({ url, remoteAddress: address, headers: { 'accept-encoding': 'identity' } });

async function setUp(): Promise<void> {
  const now = new Date('2026-06-15T15:00:00Z');
  t = await buildTestApp({ config: { rateLimitReads: UNITS }, clock: () => now });
  for (let i = 0; i < 3; i++) {
    const body = await sealedSubmission(t.orgs, {
      facts: validFacts({ incidentMonth: '2026-05' }),
    });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/reports', payload: body })).statusCode,
    ).toBe(201);
  }
  publishTestSnapshot(t.handle.db, '2026-06-15');
}

/** How many answers a client gets before a 429, and the 429 itself. */
async function answersUntilRefused(address: string, url: string) {
  for (let n = 0; n < 1000; n++) {
    const res = await from(address, url);
    if (res.statusCode === 429) return { n, refusal: res };
    expect(res.statusCode, res.body).toBe(200);
  }
  throw new Error('never refused');
}

it('gives a client fewer large answers than small ones, with 429 and Retry-After, and leaves others alone', async () => {
  await setUp();
  const big = '/api/stats?by=region,month';
  const small = '/api/stats?by=perpetrator';
  const bigBytes = (await from('203.0.113.9', big)).body.length;
  expect(bigBytes).toBeGreaterThan(BYTES_PER_UNIT); // the test needs a large answer
  const large = await answersUntilRefused('198.51.100.1', big);
  const light = await answersUntilRefused('198.51.100.2', small);
  // Each large answer costs 1 + floor(bytes / 32 KiB) units; each small one, one unit.
  expect(large.n).toBe(Math.ceil(UNITS / (1 + Math.floor(bigBytes / BYTES_PER_UNIT))));
  expect(light.n).toBe(UNITS);
  expect(large.refusal.json().error.code).toBe('rate_limited');
  expect(Number(large.refusal.headers['retry-after'])).toBeGreaterThan(0);
  // Another client, and the releases list, are still answered for another client.
  expect((await from('198.51.100.3', big)).statusCode).toBe(200);
  expect((await from('198.51.100.3', '/api/releases')).statusCode).toBe(200);
});
