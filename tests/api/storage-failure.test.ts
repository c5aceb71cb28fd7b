// When the database cannot be written (full, or locked by another process such as a restore),
// a submission is answered 503 with Retry-After in the error shape, not 500; nothing is
// stored; and the proof of work it paid with stays good, so the phone's retry goes through once
// the database is back instead of being refused as a reused proof.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findReportHash } from '../../db/repos/reports-repo.ts';
import { solve } from '../../src/crypto/pow.ts';
import { loadSodium } from '../../src/crypto/sodium.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { rowCounts } from '../helpers/db-rows.ts';
import { envelopeFor, sealedSubmission } from '../helpers/reports.ts';
import { removeDir } from '../helpers/server.ts';
import { publishTestSnapshot } from '../helpers/snapshots.ts';

let t: TestApp;
let dir: string | undefined;
afterEach(async () => {
  await t?.app.close();
  if (dir) removeDir(dir);
  dir = undefined;
});

async function solved(app: TestApp['app']): Promise<{ challenge: string; nonce: string }> {
  const sodium = await loadSodium();
  const c = (await app.inject({ method: 'GET', url: '/api/pow' })).json();
  return { challenge: c.challenge, nonce: await solve(sodium, c.challenge, c.difficulty) };
}

function expectUnavailable(res: { statusCode: number; headers: object; json: () => unknown }) {
  expect(res.statusCode).toBe(503);
  expect(res.json()).toEqual({
    error: {
      code: 'unavailable',
      message: 'The service cannot store reports right now. Nothing was stored; try again later.',
    },
  });
  expect((res.headers as Record<string, string>)['retry-after']).toBe('30');
}

/** Leaves the in-memory database no room to grow; returns how to give it room again. */
function fillDisk(t: TestApp): () => void {
  // No free pages left over from the migrations' dropped tables, then no growth either.
  t.handle.sqlite.exec('vacuum');
  const pages = Number(t.handle.sqlite.pragma('page_count', { simple: true }));
  t.handle.sqlite.pragma(`max_page_count = ${pages}`);
  return () => t.handle.sqlite.pragma('max_page_count = 1073741823');
}

describe('when the database cannot be written', () => {
  it('answers a report 503 while the disk is full, and takes the same report and proof later', async () => {
    t = await buildTestApp({ config: { powDifficulty: 4 } });
    const room = fillDisk(t);
    // Large enough that it cannot fit in the free space of existing pages.
    const report = await sealedSubmission(t.orgs, { narrative: 'x'.repeat(4000) });
    const payload = { ...report, pow: await solved(t.app) };
    const full = await t.app.inject({ method: 'POST', url: '/api/reports', payload });
    expectUnavailable(full);
    expect(findReportHash(t.handle.db, report.id)).toBeUndefined();
    expect(rowCounts(t.handle).reports).toBe(0);

    room();
    const retry = await t.app.inject({ method: 'POST', url: '/api/reports', payload });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
    // The proof has now been spent for good.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { ...(await sealedSubmission(t.orgs)), pow: payload.pow },
    });
    expect(again.json().error.code).toBe('pow_reused');
  });

  it('does the same for a report that waited on the phone (the sealed route)', async () => {
    t = await buildTestApp({ config: { powDifficulty: 4 } });
    const room = fillDisk(t);
    const inner = await sealedSubmission(t.orgs, { narrative: 'y'.repeat(4000) });
    const payload = {
      id: inner.id,
      envelope: await envelopeFor(t.app, inner),
      pow: await solved(t.app),
    };
    expectUnavailable(await t.app.inject({ method: 'POST', url: '/api/reports/sealed', payload }));
    expect(rowCounts(t.handle).reports).toBe(0);
    room();
    const retry = await t.app.inject({ method: 'POST', url: '/api/reports/sealed', payload });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
  });

  it('answers 503 while another process holds the write lock, and stores the report after', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'voz-busy-'));
    const file = path.join(dir, 'voz.db');
    t = await buildTestApp({
      config: { powDifficulty: 4 },
      dbFile: { path: file, busyTimeoutMs: 50 },
    });
    const other = new Database(file);
    other.exec('begin immediate'); // as a restore writing into the live database would
    const payload = { ...(await sealedSubmission(t.orgs)), pow: await solved(t.app) };
    try {
      expectUnavailable(await t.app.inject({ method: 'POST', url: '/api/reports', payload }));
    } finally {
      other.exec('rollback');
      other.close();
    }
    const retry = await t.app.inject({ method: 'POST', url: '/api/reports', payload });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
  });
});

describe('a failure that is not the database being unavailable', () => {
  it('stays a 500 and keeps the proof spent, so a bug cannot be replayed for free', async () => {
    t = await buildTestApp({ config: { powDifficulty: 4 } });
    // Stands in for a bug in the write path: every insert of a report fails.
    t.handle.sqlite.exec(
      "create trigger fail_reports before insert on reports begin select raise(abort, 'bug'); end",
    );
    const payload = { ...(await sealedSubmission(t.orgs)), pow: await solved(t.app) };
    const first = await t.app.inject({ method: 'POST', url: '/api/reports', payload });
    expect(first.statusCode).toBe(500);
    expect(first.json().error.code).toBe('internal');
    t.handle.sqlite.exec('drop trigger fail_reports');
    const again = await t.app.inject({ method: 'POST', url: '/api/reports', payload });
    expect(again.json().error.code).toBe('pow_reused');
    expect(rowCounts(t.handle).reports).toBe(0);
  });
});

describe('what load shedding measures', () => {
  it('times reports that reach the database, not honeypot answers that never do', async () => {
    t = await buildTestApp();
    const record = vi.spyOn(t.app.commitMeter, 'record');
    const bot = { ...(await sealedSubmission(t.orgs)), referrer: 'http://spam.example' };
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: bot });
      expect(res.statusCode).toBe(201);
    }
    // Instant fake successes would otherwise pull the average down and keep a flood admitted.
    expect(record).not.toHaveBeenCalled();
    const real = await sealedSubmission(t.orgs);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/reports', payload: real })).statusCode,
    ).toBe(201);
    expect(record).toHaveBeenCalledTimes(1);
    // A retry of the stored report goes through the database too, and is timed.
    await t.app.inject({ method: 'POST', url: '/api/reports', payload: real });
    expect(record).toHaveBeenCalledTimes(2);
  });
});

describe('reads on a full disk', () => {
  it('answer from what is committed: statistics, releases, recipients and a proof-of-work challenge', async () => {
    t = await buildTestApp({ statsK: 2, clock: () => new Date('2026-06-15T15:00:00Z') });
    for (let i = 0; i < 4; i++) {
      const payload = await sealedSubmission(t.orgs);
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/reports', payload })).statusCode,
      ).toBe(201);
    }
    publishTestSnapshot(t.handle.db, '2026-06-15');
    fillDisk(t);
    // The disk is full: a report is refused...
    const payload = await sealedSubmission(t.orgs, { narrative: 'x'.repeat(4000) });
    expectUnavailable(await t.app.inject({ method: 'POST', url: '/api/reports', payload }));
    // ...and every read is answered, again and again (the review saw 43 of 45 stats polls get
    // 503 when each read first wrote a counter catch-up).
    for (let i = 0; i < 5; i++) {
      for (const url of ['/api/stats?by=region', '/api/releases', '/api/recipients', '/api/pow']) {
        const res = await t.app.inject({ url });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      }
    }
  });
});
