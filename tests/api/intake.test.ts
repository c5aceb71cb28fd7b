// The legal-aid intake queue: only reports that asked for legal aid, with a case status that
// moves new → contacted → accepted | referred → closed.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.ts';
import { sealedSubmission } from '../helpers/reports.ts';
import { addTestStaff, as, type Session, signIn } from '../helpers/staff.ts';

const { app, handle, orgs } = await buildTestApp();
const contact = {
  method: 'phone_call' as const,
  value: 'CONTACTO-222',
  needs: ['complaint' as const],
};
async function submit(legal: boolean): Promise<string> {
  const body = await sealedSubmission(orgs, legal ? { legalAid: { contact } } : {});
  expect(
    (await app.inject({ method: 'POST', url: '/api/reports', payload: body })).statusCode,
  ).toBe(201);
  return body.id;
}
const asked = await submit(true);
const notAsked = await submit(false);
const legalCw = await signIn(app, await addTestStaff(handle, orgs.legal, 'caseworker'));
const advocacyCw = await signIn(app, await addTestStaff(handle, orgs.advocacy, 'caseworker'));

const move = (s: Session, id: string, caseStatus: string) =>
  app.inject({
    method: 'PUT',
    url: `/api/org/reports/${id}/case-status`,
    headers: as(s),
    payload: { caseStatus },
  });

describe('intake queue', () => {
  it('holds the reports that asked for legal aid, and no other', async () => {
    const res = await app.inject({ url: '/api/org/intake', headers: as(legalCw) });
    expect(res.json().reports.map((r: { id: string }) => r.id)).toEqual([asked]);
    expect(res.json().reports[0].caseStatus).toBe('new');
    expect(res.body).not.toContain(notAsked);
  });

  it('is empty for an advocacy organisation, which cannot set case statuses', async () => {
    const res = await app.inject({ url: '/api/org/intake', headers: as(advocacyCw) });
    expect(res.json().reports).toEqual([]);
    expect((await move(advocacyCw, asked, 'contacted')).statusCode).toBe(403);
  });

  it('moves a case only along the allowed path', async () => {
    expect((await move(legalCw, asked, 'accepted')).statusCode).toBe(409);
    expect((await move(legalCw, asked, 'contacted')).statusCode).toBe(204);
    expect((await move(legalCw, asked, 'new')).statusCode).toBe(409);
    expect((await move(legalCw, asked, 'referred')).statusCode).toBe(204);
    expect((await move(legalCw, asked, 'accepted')).statusCode).toBe(409);
    expect((await move(legalCw, asked, 'closed')).statusCode).toBe(204);
    const res = await app.inject({ url: '/api/org/intake', headers: as(legalCw) });
    expect(res.json().reports[0].caseStatus).toBe('closed');
  });

  it('records a printed intake sheet in the audit log', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/org/reports/${asked}/intake-printed`,
      headers: as(legalCw),
    });
    expect(res.statusCode).toBe(204);
    const row = handle.sqlite
      .prepare(
        "select count(*) as n from audit_log where action = 'intake_printed' and report_id = ?",
      )
      .get(asked);
    expect(row).toEqual({ n: 1 });
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/org/reports/${notAsked}/intake-printed`,
      headers: as(legalCw),
    });
    expect(foreign.statusCode).toBe(404);
  });
});
