// POST /api/reports: a retry of a stored report is answered again and kept once, while another
// report under its id is refused; and what only the server can check in a well-formed report:
// recipients it knows, the advocacy organisation among them, the incident month by its clock.
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { NO_ROWS, rowCounts } from '../helpers/db-rows.ts';
import { expectReceived, reportRoute } from '../helpers/report-route.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';

let t: TestApp;
afterEach(async () => t?.app.close());
const { post, storedReport } = reportRoute(() => t);

describe('recipients', () => {
  it('refuses a box for an unknown recipient with 422, naming it, and stores nothing', async () => {
    t = await buildTestApp();
    const body = await sealedSubmission(t.orgs);
    const sealed = [...body.sealed, { recipient: 'ghost-org', box: body.sealed[0]?.box ?? '' }];
    const res = await post({ ...body, sealed });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: {
        code: 'unknown_recipient',
        message: expect.any(String),
        issues: [{ path: 'body.sealed.1.recipient', message: expect.any(String) }],
      },
    });
    expect(rowCounts(t.handle)).toEqual(NO_ROWS);
  });

  it('refuses a report sealed only to the legal-aid organisation with 422', async () => {
    t = await buildTestApp();
    const body = await sealedSubmission(t.orgs, {
      legalAid: { contact: { method: 'email', value: 'a@b.pe' } },
    });
    const res = await post({
      ...body,
      sealed: body.sealed.filter((b) => b.recipient === t.orgs.legal.id),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('advocacy_recipient_required');
    expect(res.json().error.issues[0].path).toBe('body.sealed');
    expect(rowCounts(t.handle)).toEqual(NO_ROWS);
  });
});

describe('retries and clashes', () => {
  it('answers a retry of the same report with 201 again and keeps one copy', async () => {
    t = await buildTestApp();
    const body = await sealedSubmission(t.orgs, {
      facts: validFacts({ perpetrators: ['client', 'manager'] }),
    });
    expect((await post(body)).statusCode).toBe(201);
    expectReceived(await post(body), body.id);
    expect(rowCounts(t.handle)).toEqual({ reports: 1, report_boxes: 1 });
    const codes = storedReport(body.id, 'perpetrators, violence');
    expect(codes).toEqual({
      perpetrators: JSON.stringify([...body.facts.perpetrators].sort()),
      violence: JSON.stringify([...body.facts.violence].sort()),
    });
  });

  it('treats the same report with its keys in another order as a retry', async () => {
    t = await buildTestApp();
    const body = await sealedSubmission(t.orgs);
    expect((await post(body)).statusCode).toBe(201);
    const reordered = {
      sealed: body.sealed.map((b) => ({ box: b.box, recipient: b.recipient })),
      facts: Object.fromEntries(Object.entries(body.facts).reverse()),
      id: body.id,
    };
    expect(
      (await post(JSON.stringify(reordered), { 'content-type': 'application/json' })).statusCode,
    ).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
  });

  it('refuses another report under the same id with 409 and leaves the first untouched', async () => {
    t = await buildTestApp();
    const first = await sealedSubmission(t.orgs, { facts: validFacts({ region: '16' }) });
    expect((await post(first)).statusCode).toBe(201);
    const second = await sealedSubmission(t.orgs, {
      reportId: first.id,
      facts: validFacts({
        region: '08',
        perpetrators: ['partner'],
        violence: ['physical', 'threats'],
      }),
    });
    const res = await post(second);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'id_conflict', message: expect.any(String) } });
    expect(rowCounts(t.handle)).toEqual({ reports: 1, report_boxes: 1 });
    const row = storedReport(first.id, 'region, perpetrators, violence');
    expect(row).toEqual({
      region: '16',
      perpetrators: JSON.stringify([...first.facts.perpetrators].sort()),
      violence: JSON.stringify([...first.facts.violence].sort()),
    });
    const box = t.handle.sqlite
      .prepare('select box from report_boxes where report_id = ?')
      .get(first.id) as { box: Buffer };
    expect(box.box.toString('base64')).toBe(first.sealed[0]?.box);
  });

  it('refuses the same facts under the same id with a freshly sealed box (a different body)', async () => {
    t = await buildTestApp();
    const first = await sealedSubmission(t.orgs);
    expect((await post(first)).statusCode).toBe(201);
    const resealed = await sealedSubmission(t.orgs, { reportId: first.id, facts: first.facts });
    expect(resealed.sealed[0]?.box).not.toBe(first.sealed[0]?.box);
    expect((await post(resealed)).statusCode).toBe(409);
  });
});
describe('the incident month and the server clock', () => {
  it('judges the incident month against the app clock, not the machine clock', async () => {
    // In 2031 by the app's clock: May 2031 is last month, and 2020 is more than ten years ago.
    t = await buildTestApp({ clock: () => new Date('2031-06-15T12:00:00Z') });
    const post = async (incidentMonth: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/reports',
        payload: await sealedSubmission(t.orgs, { facts: validFacts({ incidentMonth }) }),
      });
    expect((await post('2031-05')).statusCode).toBe(201);
    const old = await post('2020-01');
    expect(old.statusCode).toBe(400);
    expect(old.json().error.issues[0].path).toBe('body.facts.incidentMonth');
  });
});
