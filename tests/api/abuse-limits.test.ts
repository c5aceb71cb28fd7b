// Rate limits (per client, behind a trusted proxy too), HSTS behind TLS, and load shedding while
// commits are slow or the event loop lags: abuse resistance that identifies no one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CommitMeter } from '../../api/plugins/protection.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { rowCounts } from '../helpers/db-rows.ts';
import { newReceipt } from '../helpers/follow-up.ts';
import { reportRoute } from '../helpers/report-route.ts';
import { sealedSubmission } from '../helpers/reports.ts';

const WEB_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

let t: TestApp;
afterEach(async () => t?.app.close());

const { post } = reportRoute(() => t);

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
    const res = await post(await sealedSubmission(t.orgs));
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
    expect((await post(await sealedSubmission(t.orgs))).statusCode).toBe(503);
    // Nothing commits while everything is shed, yet the average decays: 400 ms * e^(-800/250).
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await post(await sealedSubmission(t.orgs))).statusCode).toBe(201);
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
    const submit = await post(await sealedSubmission(t.orgs));
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
