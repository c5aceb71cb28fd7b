// GET /api/org/stats is the one place exact figures are served: only to a signed-in analyst or
// admin, only over the reports sealed to their own organisation, never cached, marked
// confidential, and every query is written to the organisation's audit log.
import { afterEach, describe, expect, it } from 'vitest';
import type { Facts } from '../../src/contract/schemas.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { monthsAgo } from '../helpers/months.ts';
import { analystSession, countOf as count, expectCounts, orgStats } from '../helpers/org-stats.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';
import { addTestStaff, as, signIn } from '../helpers/staff.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

type Cell = Record<string, string | number | boolean | null>;
type Table = { total: number | null; confidential?: boolean; cells: Cell[] };

/**
 * Stores `times` reports. Without legal aid the form seals a report to the advocacy organisation
 * only; with it, to the legal-aid organisation too.
 */
async function submit(times: number, facts: Partial<Facts>, legalAid = false): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < times; i++) {
    const body = await sealedSubmission(t.orgs, {
      facts: validFacts({ incidentMonth: monthsAgo(1), ...facts }),
      ...(legalAid
        ? { legalAid: { contact: { method: 'phone_call', value: '900 000 000 (ficticio)' } } }
        : {}),
    });
    const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(body.id);
  }
  return ids;
}

function recipientsOf(id: string): string[] {
  const rows = t.handle.sqlite
    .prepare('select recipient_id as r from report_boxes where report_id = ? order by r')
    .all(id) as Array<{ r: string }>;
  return rows.map((row) => row.r);
}

describe('who may read exact figures', () => {
  it('an analyst or an admin of the organisation; a caseworker gets 403; no session gets 401', async () => {
    t = await buildTestApp({ statsK: 2 });
    await submit(3, { region: '25' });
    const query = 'by=region';

    const anonymous = await orgStats(t, null, query);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'not_signed_in' } });
    expect(anonymous.body).not.toContain('count');

    const caseworker = await signIn(
      t.app,
      await addTestStaff(t.handle, t.orgs.advocacy, 'caseworker'),
    );
    const refused = await orgStats(t, caseworker, query);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(refused.body).not.toContain('count');

    const analyst = await analystSession(t, t.orgs.advocacy);
    const admin = await signIn(t.app, await addTestStaff(t.handle, t.orgs.advocacy, 'admin'));
    for (const session of [analyst, admin]) {
      const res = await orgStats(t, session, query);
      expect(res.statusCode, res.body).toBe(200);
      expect(count(res.json() as Table, { region: '25' })).toBe(3);
    }
  });

  it('a session that was ended no longer reads them', async () => {
    t = await buildTestApp({ statsK: 2 });
    const analyst = await analystSession(t, t.orgs.advocacy);
    expect((await orgStats(t, analyst, 'by=region')).statusCode).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/staff/logout',
      headers: as(analyst),
    });
    expect(out.statusCode).toBe(204);
    expect((await orgStats(t, analyst, 'by=region')).statusCode).toBe(401);
  });
});

describe('only the organisation’s own reports', () => {
  it('a report sealed only to the advocacy organisation is not in the legal-aid analyst’s figures', async () => {
    t = await buildTestApp({ statsK: 2 });
    const advocacyOnly = await submit(3, { region: '25', incidentMonth: monthsAgo(9) });
    const both = await submit(2, { region: '16', incidentMonth: monthsAgo(2) }, true);
    // What the database holds: the first three have a box for the advocacy organisation only.
    for (const id of advocacyOnly) expect(recipientsOf(id)).toEqual([t.orgs.advocacy.id]);
    for (const id of both) {
      expect(recipientsOf(id)).toEqual([t.orgs.advocacy.id, t.orgs.legal.id].sort());
    }

    const legal = await analystSession(t, t.orgs.legal);
    const legalRegion = (await orgStats(t, legal, 'by=region')).json() as Table;
    expect(legalRegion.total).toBe(2);
    expectCounts(legalRegion, 'region', { '16': 2, '25': 0 });
    // Filtering on the other organisation's region finds nothing either.
    const filtered = (await orgStats(t, legal, 'by=perpetrator&region=25')).json() as Table;
    expect(filtered.total).toBe(0);
    // Nor does the month axis start at the other organisation's earliest report.
    const legalMonths = (await orgStats(t, legal, 'by=month')).json() as Table;
    expect(legalMonths.cells.map((c) => c.month)).toEqual([monthsAgo(2)]);
    expect(legalMonths.cells.map((c) => c.count)).toEqual([2]);

    const advocacy = await analystSession(t, t.orgs.advocacy);
    const advocacyRegion = (await orgStats(t, advocacy, 'by=region')).json() as Table;
    expect(advocacyRegion.total).toBe(5);
    expectCounts(advocacyRegion, 'region', { '25': 3, '16': 2 });
    const advocacyMonths = (await orgStats(t, advocacy, 'by=month')).json() as Table;
    expect(advocacyMonths.cells[0]?.month).toBe(monthsAgo(9));
    expect(advocacyMonths.cells.at(-1)?.month).toBe(monthsAgo(2));
  });
});

describe('each answer', () => {
  it('is written to the audit log of the member’s organisation, query by query', async () => {
    t = await buildTestApp({ statsK: 2 });
    await submit(2, { region: '25' }, true);
    const analystMember = await addTestStaff(t.handle, t.orgs.legal, 'analyst');
    const analyst = await signIn(t.app, analystMember);
    const adminMember = await addTestStaff(t.handle, t.orgs.advocacy, 'admin');
    const admin = await signIn(t.app, adminMember);
    const audited = () =>
      t.handle.sqlite
        .prepare(
          "select org_id as orgId, staff_id as staffId from audit_log where action = 'exact_stats_query' order by id",
        )
        .all();
    expect(audited()).toEqual([]);

    expect((await orgStats(t, analyst, 'by=region')).statusCode).toBe(200);
    expect((await orgStats(t, analyst, 'by=perpetrator&region=25')).statusCode).toBe(200);
    expect((await orgStats(t, admin, 'by=month')).statusCode).toBe(200);
    expect(audited()).toEqual([
      { orgId: t.orgs.legal.id, staffId: analystMember.id },
      { orgId: t.orgs.legal.id, staffId: analystMember.id },
      { orgId: t.orgs.advocacy.id, staffId: adminMember.id },
    ]);
    // The advocacy admin reads the admin's own query in the organisation's log, and not the
    // legal-aid analyst's.
    const log = await t.app.inject({ url: '/api/org/audit', headers: as(admin) });
    const entries = (log.json() as { entries: Array<{ action: string; staffId: string }> }).entries;
    expect(entries.filter((e) => e.action === 'exact_stats_query')).toEqual([
      expect.objectContaining({ staffId: adminMember.id }),
    ]);
  });

  it('is never cached, and says it is confidential', async () => {
    t = await buildTestApp({ statsK: 2 });
    await submit(2, { region: '25' });
    const analyst = await analystSession(t, t.orgs.advocacy);
    const res = await orgStats(t, analyst, 'by=region');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const table = res.json() as Table;
    expect(table.confidential).toBe(true);
    expect(table.total).toBe(2);
  });

  it('exports as CSV whose first line says confidential, for staff only, audited as an export', async () => {
    t = await buildTestApp({ statsK: 2 });
    await submit(3, { region: '25', perpetrators: ['police'] });
    await submit(2, { region: '25', perpetrators: ['client'] });
    await submit(2, { region: '16', perpetrators: ['police'] });
    await submit(2, { region: '16', perpetrators: ['client'] });
    const analyst = await analystSession(t, t.orgs.advocacy);
    const res = await t.app.inject({
      url: '/api/org/stats/csv?by=region,perpetrator',
      headers: as(analyst),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^"?CONFIDENCIAL \/ CONFIDENTIAL/);
    expect(lines[1]).toBe('region,perpetrator,count,withheld');
    // The same figures as the JSON answer, withheld cells empty.
    const json = (await orgStats(t, analyst, 'by=region,perpetrator')).json() as Table;
    for (const cell of json.cells) {
      expect(lines).toContain(
        `${cell.region},${cell.perpetrator},${cell.count ?? ''},${cell.suppressed}`,
      );
    }
    expect(json.cells.some((c) => c.count === 3)).toBe(true);
    expect(lines.at(-1)).toBe(`total,,${json.total ?? ''},${json.total === null}`);
    const actions = t.handle.sqlite
      .prepare("select action from audit_log where action like 'exact_stats%' order by id")
      .all() as Array<{ action: string }>;
    expect(actions.map((a) => a.action)).toEqual(['exact_stats_export', 'exact_stats_query']);
    // A caseworker and an anonymous reader get nothing.
    const caseworker = await signIn(
      t.app,
      await addTestStaff(t.handle, t.orgs.advocacy, 'caseworker'),
    );
    expect(
      (await t.app.inject({ url: '/api/org/stats/csv?by=region', headers: as(caseworker) }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: '/api/org/stats/csv?by=region' })).statusCode).toBe(401);
  });
});
