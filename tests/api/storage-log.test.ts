// A full disk is logged as a condition: one line when it starts and a count a minute while it
// lasts, never an error with a full stack per refused report (73,000 entries, 40 MB, in a
// minute in an outside fault-injection run, on the very disk that was full).
import { afterEach, expect, it } from 'vitest';
import { ConditionLog, REPORT_EVERY_MS } from '../../api/http/condition-log.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { sealedSubmission } from '../helpers/reports.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

it('logs one line, without a stack, for thirty reports refused on a full disk', async () => {
  const lines: string[] = [];
  t = await buildTestApp({ logLines: lines });
  t.handle.sqlite.exec('vacuum');
  const pages = Number(t.handle.sqlite.pragma('page_count', { simple: true }));
  t.handle.sqlite.pragma(`max_page_count = ${pages}`);
  for (let i = 0; i < 30; i++) {
    const payload = await sealedSubmission(t.orgs, { narrative: 'x'.repeat(4000) });
    const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload });
    expect(res.statusCode).toBe(503);
  }
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
    level: 40,
    code: 'SQLITE_FULL',
    msg: 'the database cannot be written; requests get 503 until it can',
  });
  expect(lines.join('')).not.toMatch(/stack|at .*\.ts:/);
});

it('then says once a minute how many were refused, and starts afresh after a quiet minute', () => {
  const said: Array<Record<string, unknown>> = [];
  let now = 0;
  const log = new ConditionLog(
    (fields, msg) => said.push({ ...fields, msg }),
    () => now,
  );
  for (; now < 3 * REPORT_EVERY_MS; now += 250) log.refused('SQLITE_FULL');
  expect(said.map((s) => s.refused)).toEqual([undefined, 240, 240]);
  now += 2 * REPORT_EVERY_MS;
  log.refused('SQLITE_FULL');
  expect(said).toHaveLength(4);
  expect(said[3]).toEqual({
    code: 'SQLITE_FULL',
    msg: 'the database cannot be written; requests get 503 until it can',
  });
});
