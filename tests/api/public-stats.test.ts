// GET /api/stats publishes only from snapshots: nothing a reporter or staff member does changes a
// byte of it until the next snapshot, every figure is a non-negative integer with an interval,
// and only catalogue questions are answered.
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { setReportVerified } from '../../db/repos/verification-repo.ts';
import type { Facts } from '../../src/contract/schemas.ts';
import type { PublicStats } from '../../src/statistics/public-query.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';
import { publishTestSnapshot } from '../helpers/snapshots.ts';
import { deleteCounted } from '../helpers/withdraw.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

const DAY = '2026-06-15';
const clock = (): Date => new Date(`${DAY}T15:00:00Z`);

async function submit(facts: Partial<Facts>): Promise<string> {
  const body = await sealedSubmission(t.orgs, {
    facts: validFacts({ incidentMonth: '2026-05', ...facts }),
  });
  const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

async function get(query: string) {
  return t.app.inject({ method: 'GET', url: `/api/stats?${query}` });
}

const QUERIES = [
  'by=region',
  'by=perpetrator',
  'by=violence',
  'by=gbvType',
  'by=month&from=2026-01&to=2026-06',
  'by=perpetrator,region',
  'by=region&perpetrator=military',
  'by=region&from=2026-01&to=2026-03',
  'by=region&verified=true',
  'by=ageBand',
];

describe('public statistics come from snapshots only', () => {
  it('says 404 no_snapshot in the error shape before the first snapshot', async () => {
    t = await buildTestApp({ clock });
    await submit({ region: '25' });
    const res = await get('by=region');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'no_snapshot' } });
  });

  it('does not change a byte after a submission, a verification and a withdrawal until the next snapshot', async () => {
    t = await buildTestApp({ clock });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await submit({ region: i % 2 ? '1501' : '25' }));
    publishTestSnapshot(t.handle.db, DAY);
    const before = await Promise.all(QUERIES.map(get));
    for (const res of before) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.etag).toBeTruthy();
      expect(res.headers['cache-control']).toContain('public');
    }
    const same = async (): Promise<void> => {
      const after = await Promise.all(QUERIES.map(get));
      after.forEach((res, i) => {
        expect(res.body, QUERIES[i]).toBe(before[i]?.body);
        expect(res.headers.etag).toBe(before[i]?.headers.etag);
      });
    };
    await submit({ region: '25', perpetrators: ['military'], violence: ['homicide'] });
    await same();
    expect(setReportVerified(t.handle.db, ids[0] as string, true)).toBe(true);
    await same();
    expect(deleteCounted(t.handle.db, ids[1] as string)).toBe(true);
    await same();
    // The next snapshot takes all three in.
    publishTestSnapshot(t.handle.db, '2026-06-16', { now: new Date('2026-06-16T12:00:00Z') });
    const next = await get('by=region');
    expect(next.body).not.toBe(before[0]?.body);
    expect((next.json() as PublicStats).snapshot.through).toBe('2026-06-16');
  });

  it('gives every cell as a non-negative integer with its interval, and never hides one', async () => {
    t = await buildTestApp({ clock });
    await submit({ region: '25', perpetrators: ['military'] });
    publishTestSnapshot(t.handle.db, DAY);
    for (const q of QUERIES) {
      const body = (await get(q)).json() as PublicStats;
      expect(body.cells.length).toBeGreaterThan(0);
      for (const cell of [...body.cells, { count: body.total, interval: body.totalInterval }]) {
        expect(Number.isInteger(cell.count) && cell.count >= 0).toBe(true);
        expect(cell.interval[0]).toBeLessThanOrEqual(cell.count);
        expect(cell.interval[1]).toBeGreaterThanOrEqual(cell.count);
        expect(cell).not.toHaveProperty('suppressed');
      }
      expect(body.noise.rhoPerReport).toBe(1);
    }
  });

  it('keeps tables consistent: single-valued cells add up to the total, slices match their table', async () => {
    t = await buildTestApp({ clock });
    for (let i = 0; i < 40; i++) {
      await submit({
        region: ['25', '1501', '16'][i % 3] as Facts['region'],
        perpetrators: i % 4 ? ['police'] : ['police', 'client'],
      });
    }
    publishTestSnapshot(t.handle.db, DAY);
    const region = (await get('by=region')).json() as PublicStats;
    expect(region.cells.reduce((a, c) => a + c.count, 0)).toBe(region.total);
    const perp = (await get('by=perpetrator')).json() as PublicStats;
    expect(perp.total).toBe(region.total);
    for (const c of perp.cells) expect(c.count).toBeLessThanOrEqual(perp.total);
    const cross = (await get('by=perpetrator,region')).json() as PublicStats;
    const slice = (await get('by=region&perpetrator=police')).json() as PublicStats;
    const police = perp.cells.find((c) => c.perpetrator === 'police');
    expect(slice.total).toBe(police?.count);
    expect(slice.cells.reduce((a, c) => a + c.count, 0)).toBe(police?.count);
    for (const c of slice.cells) {
      expect(c.count).toBe(
        cross.cells.find((x) => x.perpetrator === 'police' && x.region === c.region)?.count,
      );
    }
    // A period range is the sum of the month cells.
    const months = (await get('by=month&region=25')).json() as PublicStats;
    const ranged = (await get('by=region&from=2026-01&to=2026-06')).json() as PublicStats;
    const inRange = months.cells
      .filter((c) => String(c.month) >= '2026-01' && String(c.month) <= '2026-06')
      .reduce((a, c) => a + c.count, 0);
    expect(ranged.cells.find((c) => c.region === '25')?.count).toBe(inRange);
  });

  it('refuses a question outside the catalogue with 400 not_in_catalogue listing what is available', async () => {
    t = await buildTestApp({ clock });
    await submit({});
    publishTestSnapshot(t.handle.db, DAY);
    for (const q of [
      'by=perpetrator,region,violence',
      'by=identity&region=25',
      'by=perpetrator&from=2026-01&to=2026-03',
      'by=setting,ageBand',
    ]) {
      const res = await get(q);
      expect(res.statusCode, q).toBe(400);
      const body = res.json() as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_in_catalogue');
      expect(body.error.message).toContain('perpetrator+region');
    }
  });

  it('answers 304 to a matching If-None-Match and sends brotli when asked', async () => {
    t = await buildTestApp({ clock });
    await submit({});
    publishTestSnapshot(t.handle.db, DAY);
    const first = await get('by=region');
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/stats?by=region',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const br = await t.app.inject({
      method: 'GET',
      url: '/api/stats?by=region',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
  });
});

describe('every answer of /api/stats says what it is', () => {
  const JSON_TYPE = 'application/json; charset=utf-8';
  const ask = (method: 'GET' | 'HEAD', query: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: `/api/stats?${query}`, headers });

  it('is JSON with a charset on every path: plain, brotli, HEAD, 304 and each error', async () => {
    t = await buildTestApp({ clock, config: { rateLimitReads: 30 } });
    await submit({});
    for (const method of ['GET', 'HEAD'] as const) {
      const none = await ask(method, 'by=region');
      expect(none.statusCode).toBe(404);
      expect(none.headers['content-type'], `${method} no_snapshot`).toBe(JSON_TYPE);
    }
    publishTestSnapshot(t.handle.db, DAY);
    const plain = await ask('GET', 'by=region');
    const etag = String(plain.headers.etag);
    const paths: Array<[string, 'GET' | 'HEAD', string, Record<string, string>, number]> = [
      ['plain', 'GET', 'by=region', {}, 200],
      ['brotli', 'GET', 'by=region', { 'accept-encoding': 'gzip, br' }, 200],
      ['HEAD plain', 'HEAD', 'by=region', {}, 200],
      ['HEAD brotli', 'HEAD', 'by=region', { 'accept-encoding': 'br' }, 200],
      ['invalid query', 'GET', 'by=nothing', {}, 400],
      ['HEAD invalid query', 'HEAD', 'by=nothing', {}, 400],
      ['not in catalogue', 'GET', 'by=setting,ageBand', {}, 400],
    ];
    for (const [what, method, query, headers, status] of paths) {
      const res = await ask(method, query, headers);
      expect(res.statusCode, what).toBe(status);
      expect(res.headers['content-type'], what).toBe(JSON_TYPE);
      if (method === 'GET') {
        const text =
          res.headers['content-encoding'] === 'br'
            ? brotliDecompressSync(res.rawPayload).toString()
            : res.body;
        expect(() => JSON.parse(text), what).not.toThrow();
      }
    }
    // 304 has no body; whatever it says about the body it stands for must still be right.
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await ask(method, 'by=region', {
        'if-none-match': etag,
        'accept-encoding': 'br',
      });
      expect(res.statusCode).toBe(304);
      expect(res.rawPayload.length).toBe(0);
      expect(res.headers['content-type'] ?? JSON_TYPE).toBe(JSON_TYPE);
    }
    let limited = await ask('GET', 'by=region');
    for (let i = 0; i < 40 && limited.statusCode !== 429; i++) {
      limited = await ask('GET', 'by=region');
    }
    expect(limited.headers['content-type']).toBe(JSON_TYPE);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('sends brotli only to a client that accepts it', async () => {
    t = await buildTestApp({ clock });
    await submit({});
    publishTestSnapshot(t.handle.db, DAY);
    const plain = (await ask('GET', 'by=region')).body;
    for (const [acceptEncoding, brotli] of [
      ['br;q=0, gzip', false],
      ['gzip, BR;q=0.0', false],
      ['gzip, deflate', false],
      ['*;q=0', false],
      ['gzip;q=1, br;q=0.5', true],
      ['*', true],
      ['br', true],
    ] as const) {
      const res = await ask('GET', 'by=region', { 'accept-encoding': acceptEncoding });
      expect(res.headers['content-encoding'], acceptEncoding).toBe(brotli ? 'br' : undefined);
      const text = brotli ? brotliDecompressSync(res.rawPayload).toString() : res.body;
      expect(text, acceptEncoding).toBe(plain);
    }
  });
});
