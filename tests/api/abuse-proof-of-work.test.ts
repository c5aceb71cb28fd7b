// Proof of work and the honeypot: abuse resistance that identifies no one, by making each
// report cost a little work and by quietly dropping what only a bot would fill in.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { meetsDifficulty, solve } from '../../src/crypto/pow.ts';
import { loadSodium } from '../../src/crypto/sodium.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { rowCounts } from '../helpers/db-rows.ts';
import { reportRoute } from '../helpers/report-route.ts';
import { sealedSubmission } from '../helpers/reports.ts';

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

const { post } = reportRoute(() => t);

describe('proof of work', () => {
  it('is required when enabled, and a solved challenge is accepted once', async () => {
    t = await buildTestApp({ config: { powDifficulty: 8 } });
    const body = await sealedSubmission(t.orgs);
    const missing = await post(body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('pow_required');
    expect(rowCounts(t.handle).reports).toBe(0);

    const pow = await solved(t.app);
    expect((await post({ ...body, pow })).statusCode).toBe(201);
    // The same proof cannot pay for a second report.
    const other = await sealedSubmission(t.orgs);
    const reused = await post({ ...other, pow });
    expect(reused.json().error.code).toBe('pow_reused');
    expect(rowCounts(t.handle).reports).toBe(1);
  });

  it('asks a retry of a stored report for a fresh proof, and then answers as the first time', async () => {
    t = await buildTestApp({ config: { powDifficulty: 8 } });
    const body = await sealedSubmission(t.orgs);
    const pow = await solved(t.app);
    expect((await post({ ...body, pow })).statusCode).toBe(201);
    // The form re-sends with the same proof when it never heard the 201, is told so, and pays
    // again (web/src/pages/form/seal.ts).
    expect((await post({ ...body, pow })).json().error.code).toBe('pow_reused');
    const retry = await post({ ...body, pow: await solved(t.app) });
    expect(retry.statusCode).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
  });

  it('tells nothing about stored reports to a sender without proof', async () => {
    t = await buildTestApp({ config: { powDifficulty: 8 } });
    const stored = await sealedSubmission(t.orgs);
    expect((await post({ ...stored, pow: await solved(t.app) })).statusCode).toBe(201);
    const withdrawn = await sealedSubmission(t.orgs);
    expect((await post({ ...withdrawn, pow: await solved(t.app) })).statusCode).toBe(201);
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
        const res = await post(payload);
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
    const bad = await post({
      ...body,
      pow: { challenge: c.challenge, nonce: String(wrong) },
    });
    expect(bad.json().error.code).toBe('pow_invalid');

    // Lower the difficulty written in the challenge: the signature no longer matches.
    const forged = c.challenge.replace(/^v1\.10\./, 'v1.1.');
    const nonce = await solve(sodium, forged, 1);
    const res = await post({ ...body, pow: { challenge: forged, nonce } });
    expect(res.json().error.code).toBe('pow_invalid');
    expect(rowCounts(t.handle).reports).toBe(0);
  });

  it('refuses an expired challenge', async () => {
    let now = new Date('2026-06-15T12:00:00Z');
    t = await buildTestApp({ config: { powDifficulty: 4 }, clock: () => now });
    const pow = await solved(t.app);
    now = new Date('2026-06-15T14:01:00Z');
    const res = await post({ ...(await sealedSubmission(t.orgs)), pow });
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
    const res = await post({
      ...(await sealedSubmission(t.orgs)),
      referrer: 'http://spam.example',
    });
    expect(res.statusCode).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(0);
    expect(rowCounts(t.handle).report_boxes).toBe(0);
  });
});
