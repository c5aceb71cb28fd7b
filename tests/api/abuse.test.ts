// Proof of work, the honeypot, rate limits and load shedding: abuse resistance that identifies
// no one.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CommitMeter } from '../../api/plugins/protection.ts';
import { loadSodium } from '../../src/crypto.ts';
import { meetsDifficulty, solve } from '../../src/pow.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { rowCounts } from '../helpers/db-rows.ts';
import { newReceipt } from '../helpers/follow-up.ts';
import { sealedSubmission } from '../helpers/reports.ts';

const WEB_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

let t: TestApp;
afterEach(async () => t?.app.close());

async function challenge(app: TestApp['app']): Promise<{ challenge: string; difficulty: number }> {
  const res = await app.inject({ method: 'GET', url: '/api/pow' });
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function solved(app: TestApp['app']): Promise<{ challenge: string; nonce: string }> {
  const sodium = await loadSodium();
  const c = await challenge(app);
  return { challenge: c.challenge, nonce: await solve(sodium, c.challenge, c.difficulty) };
}

const post = (app: TestApp['app'], payload: object) =>
  app.inject({ method: 'POST', url: '/api/reports', payload });

describe('proof of work', () => {
  it('is required when enabled, and a solved challenge is accepted once', async () => {
    t = await buildTestApp({ config: { powDifficulty: 8 } });
    const body = await sealedSubmission(t.orgs);
    const missing = await post(t.app, body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('pow_required');
    expect(rowCounts(t.handle).reports).toBe(0);

    const pow = await solved(t.app);
    expect((await post(t.app, { ...body, pow })).statusCode).toBe(201);
    // The same proof cannot pay for a second report.
    const other = await sealedSubmission(t.orgs);
    const reused = await post(t.app, { ...other, pow });
    expect(reused.json().error.code).toBe('pow_reused');
    expect(rowCounts(t.handle).reports).toBe(1);
  });

  it('asks a retry of a stored report for a fresh proof, and then answers as the first time', async () => {
    t = await buildTestApp({ config: { powDifficulty: 8 } });
    const body = await sealedSubmission(t.orgs);
    const pow = await solved(t.app);
    expect((await post(t.app, { ...body, pow })).statusCode).toBe(201);
    // The form re-sends with the same proof when it never heard the 201, is told so, and pays
    // again (web/src/form/seal.ts).
    expect((await post(t.app, { ...body, pow })).json().error.code).toBe('pow_reused');
    const retry = await post(t.app, { ...body, pow: await solved(t.app) });
    expect(retry.statusCode).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
  });

  it('tells nothing about stored reports to a sender without proof', async () => {
    t = await buildTestApp({ config: { powDifficulty: 8 } });
    const stored = await sealedSubmission(t.orgs);
    expect((await post(t.app, { ...stored, pow: await solved(t.app) })).statusCode).toBe(201);
    const withdrawn = await sealedSubmission(t.orgs);
    expect((await post(t.app, { ...withdrawn, pow: await solved(t.app) })).statusCode).toBe(201);
    t.handle.sqlite.prepare('delete from reports where id = ?').run(withdrawn.id);
    t.handle.sqlite
      .prepare('insert into removed_reports (id_hash) values (?)')
      .run(createHash('sha256').update(withdrawn.id).digest('hex'));
    // Without proof: a known id with another body (was 409), a withdrawn id (was 410), an
    // unknown id, and a filled honeypot (was 201) all get the same answer.
    const unknown = await sealedSubmission(t.orgs);
    const answers = await Promise.all(
      [
        { ...(await sealedSubmission(t.orgs)), id: stored.id },
        withdrawn,
        unknown,
        { ...unknown, referrer: 'http://spam.example' },
      ].map(async (payload) => {
        const res = await post(t.app, payload);
        return `${res.statusCode} ${res.json().error?.code}`;
      }),
    );
    expect(answers).toEqual(Array(4).fill('400 pow_required'));
  });

  it('names the honeypot like any other field in the published API description', async () => {
    t = await buildTestApp();
    const doc = JSON.stringify((await t.app.inject({ method: 'GET', url: '/docs/json' })).json());
    expect(doc).not.toMatch(/honeypot|website|bot/i);
    expect(doc).toContain('referrer');
  });

  it('refuses a wrong nonce, a forged challenge and an easier difficulty', async () => {
    t = await buildTestApp({ config: { powDifficulty: 10 } });
    const sodium = await loadSodium();
    const c = await challenge(t.app);
    expect(c.difficulty).toBe(10);
    let wrong = 0;
    while (meetsDifficulty(sodium, c.challenge, String(wrong), 10)) wrong++;
    const body = await sealedSubmission(t.orgs);
    const bad = await post(t.app, {
      ...body,
      pow: { challenge: c.challenge, nonce: String(wrong) },
    });
    expect(bad.json().error.code).toBe('pow_invalid');

    // Lower the difficulty written in the challenge: the signature no longer matches.
    const forged = c.challenge.replace(/^v1\.10\./, 'v1.1.');
    const nonce = await solve(sodium, forged, 1);
    const res = await post(t.app, { ...body, pow: { challenge: forged, nonce } });
    expect(res.json().error.code).toBe('pow_invalid');
    expect(rowCounts(t.handle).reports).toBe(0);
  });

  it('refuses an expired challenge', async () => {
    let now = new Date('2026-06-15T12:00:00Z');
    t = await buildTestApp({ config: { powDifficulty: 4 }, clock: () => now });
    const pow = await solved(t.app);
    now = new Date('2026-06-15T14:01:00Z');
    const res = await post(t.app, { ...(await sealedSubmission(t.orgs)), pow });
    expect(res.json().error.code).toBe('pow_expired');
  });

  it('asks for more work while challenges are requested faster than people could', async () => {
    t = await buildTestApp({ config: { powDifficulty: 6, powSurgePerMinute: 30 } });
    // Many clients, three challenges a minute each (one client may fetch six here).
    const from = (n: number) =>
      t.app.inject({ method: 'GET', url: '/api/pow', remoteAddress: `198.51.100.${n}` });
    const first = (await from(1)).json();
    for (let i = 0; i < 30; i++) expect((await from(2 + Math.floor(i / 3))).statusCode).toBe(200);
    const surge = (await from(20)).json();
    expect(first.difficulty).toBe(6);
    expect(surge.difficulty).toBe(10);
  });

  it('does not let one client set off the surge for everyone', async () => {
    t = await buildTestApp({ config: { powDifficulty: 6, powSurgePerMinute: 30 } });
    const one = () =>
      t.app.inject({ method: 'GET', url: '/api/pow', remoteAddress: '198.51.100.1' });
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push((await one()).statusCode);
    expect(answers.filter((s) => s === 200)).toHaveLength(6);
    expect(answers.slice(6).every((s) => s === 429)).toBe(true);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/pow',
      remoteAddress: '198.51.100.2',
    });
    expect(other.json().difficulty).toBe(6);
  });

  it('reports difficulty 0 when turned off', async () => {
    t = await buildTestApp();
    expect((await challenge(t.app)).difficulty).toBe(0);
  });
});

describe('honeypot', () => {
  it('answers a filled honeypot like a success but stores nothing', async () => {
    t = await buildTestApp();
    const res = await post(t.app, {
      ...(await sealedSubmission(t.orgs)),
      referrer: 'http://spam.example',
    });
    expect(res.statusCode).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(0);
    expect(rowCounts(t.handle).report_boxes).toBe(0);
  });
});

describe('rate limits', () => {
  it('limits reports per client with 429 in the error shape, and other clients are unaffected', async () => {
    t = await buildTestApp({ config: { rateLimitReports: 2 } });
    const from = (ip: string, payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/reports', payload, remoteAddress: ip });
    expect((await from('192.0.2.1', await sealedSubmission(t.orgs))).statusCode).toBe(201);
    expect((await from('192.0.2.1', await sealedSubmission(t.orgs))).statusCode).toBe(201);
    const third = await from('192.0.2.1', await sealedSubmission(t.orgs));
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('rate_limited');
    expect(third.headers['retry-after']).toBeDefined();
    expect((await from('192.0.2.2', await sealedSubmission(t.orgs))).statusCode).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(3);
  });
});

describe('rate limits on follow-ups', () => {
  it('limits each client on its own, so one client cannot spend the budget everyone shares', async () => {
    t = await buildTestApp({ config: { rateLimitReports: 2 } });
    const receipt = await newReceipt();
    const lookUp = (ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/follow-up/lookup',
        payload: { token: receipt.token },
        remoteAddress: ip,
      });
    // No report holds this receipt: a look-up that gets through is answered 404.
    expect((await lookUp('192.0.2.1')).statusCode).toBe(404);
    expect((await lookUp('192.0.2.1')).statusCode).toBe(404);
    const third = await lookUp('192.0.2.1');
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('rate_limited');
    expect((await lookUp('192.0.2.99')).statusCode).toBe(404);
    for (const url of ['/api/follow-up/information', '/api/follow-up/withdraw']) {
      for (let i = 0; i < 2; i++) {
        await t.app.inject({ method: 'POST', url, payload: {}, remoteAddress: '192.0.2.1' });
      }
      const over = await t.app.inject({
        method: 'POST',
        url,
        payload: {},
        remoteAddress: '192.0.2.1',
      });
      expect(over.statusCode, url).toBe(429);
    }
  });
});

describe('behind a reverse proxy', () => {
  const fromProxy = (forwardedFor: string, remoteAddress = '10.0.0.2') =>
    t.app.inject({
      method: 'GET',
      url: '/api/recipients',
      headers: { 'x-forwarded-for': forwardedFor },
      remoteAddress,
    });

  it('gives each forwarded client its own budget when the proxy is trusted', async () => {
    t = await buildTestApp({ config: { rateLimitReads: 1, trustProxy: ['10.0.0.2'] } });
    expect((await fromProxy('198.51.100.1')).statusCode).toBe(200);
    expect((await fromProxy('198.51.100.1')).statusCode).toBe(429);
    expect((await fromProxy('198.51.100.2')).statusCode).toBe(200);
  });

  it('counts an IPv6 client by its /64, so new addresses in it give no new budget', async () => {
    t = await buildTestApp({ config: { rateLimitReads: 2, trustProxy: ['10.0.0.2'] } });
    expect((await fromProxy('2001:db8:1:2::1')).statusCode).toBe(200);
    expect((await fromProxy('2001:db8:1:2::2')).statusCode).toBe(200);
    expect((await fromProxy('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).statusCode).toBe(429);
    // The next /64 is another client.
    expect((await fromProxy('2001:db8:1:3::1')).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from anyone else, and from everyone by default', async () => {
    t = await buildTestApp({ config: { rateLimitReads: 1, trustProxy: ['10.0.0.2'] } });
    // Not the proxy: a client cannot pick a fresh budget by making up the header.
    expect((await fromProxy('198.51.100.1', '203.0.113.7')).statusCode).toBe(200);
    expect((await fromProxy('198.51.100.2', '203.0.113.7')).statusCode).toBe(429);
    await t.app.close();
    t = await buildTestApp({ config: { rateLimitReads: 1 } });
    expect((await fromProxy('198.51.100.1')).statusCode).toBe(200);
    expect((await fromProxy('198.51.100.2')).statusCode).toBe(429);
  });
});

describe('security headers', () => {
  it('sends HSTS only when configured to be behind TLS', async () => {
    t = await buildTestApp();
    const plain = await t.app.inject({ method: 'GET', url: '/api/recipients' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    await t.app.close();
    t = await buildTestApp({ config: { hsts: true } });
    const tls = await t.app.inject({ method: 'GET', url: '/api/recipients' });
    expect(tls.headers['strict-transport-security']).toContain('max-age=31536000');
  });
});

describe('load shedding', () => {
  it('answers 503 with Retry-After in the error shape while commits are slow, and stores nothing', async () => {
    t = await buildTestApp({ config: { maxCommitMs: 5 } });
    t.app.commitMeter.record(500);
    const res = await post(t.app, await sealedSubmission(t.orgs));
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('overloaded');
    expect(res.headers['retry-after']).toBe('5');
    expect(rowCounts(t.handle).reports).toBe(0);
    // Reads are not refused because commits are slow.
    expect((await t.app.inject({ method: 'GET', url: '/api/recipients' })).statusCode).toBe(200);
  });

  it('admits submissions again once the slow spike has passed', async () => {
    t = await buildTestApp({ config: { maxCommitMs: 50 } });
    t.app.commitMeter.record(400);
    expect((await post(t.app, await sealedSubmission(t.orgs))).statusCode).toBe(503);
    // Nothing commits while everything is shed, yet the average decays: 400 ms * e^(-800/250).
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await post(t.app, await sealedSubmission(t.orgs))).statusCode).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
  });
});

describe('CommitMeter', () => {
  it('averages commit times and forgets them while no commit arrives', () => {
    let now = 0;
    const meter = new CommitMeter(() => now);
    expect(meter.averageMs).toBe(0);
    meter.record(100);
    expect(meter.averageMs).toBe(100);
    meter.record(200);
    expect(meter.averageMs).toBeCloseTo(120);
    now = 250; // one decay constant later
    expect(meter.averageMs).toBeCloseTo(120 / Math.E);
    now = 2_000;
    expect(meter.averageMs).toBeLessThan(0.1);
  });
});

describe('load shedding by event-loop delay', () => {
  it('answers the API 503 with Retry-After while the event loop lags, stores nothing, still serves the form page, and serves again once it catches up', async () => {
    t = await buildTestApp({ config: { maxEventLoopDelayMs: 20 }, webRoot: WEB_ROOT });
    // Keep the loop busy in 100 ms slices for longer than one sampling interval (1 s).
    const busyUntil = Date.now() + 2_500;
    while (Date.now() < busyUntil) {
      const sliceEnd = Date.now() + 100;
      while (Date.now() < sliceEnd) {
        // busy
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const read = await t.app.inject({ url: '/api/recipients' });
    expect(read.statusCode).toBe(503);
    expect(read.json().error.code).toBe('overloaded');
    expect(read.headers['retry-after']).toBe('5');
    expect(read.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const submit = await post(t.app, await sealedSubmission(t.orgs));
    expect(submit.statusCode).toBe(503);
    expect(rowCounts(t.handle).reports).toBe(0);
    // The form itself is cheap to send and lets the person write while the load passes; a
    // refused report waits on the phone.
    const form = await t.app.inject({ url: '/' });
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect
      .poll(async () => (await t.app.inject({ url: '/api/recipients' })).statusCode, {
        timeout: 5_000,
        interval: 200,
      })
      .toBe(200);
  });
});
