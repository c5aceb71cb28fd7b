// The inbox: each organisation receives only its own boxes, newest first, filtered on the
// server; analysts receive none; statuses move only along the allowed paths; notes stay sealed.
import { describe, expect, it } from 'vitest';
import { openMessage, sealMessage } from '../../src/crypto/message-box.ts';
import { fromBase64, loadSodium, openBox, toBase64 } from '../../src/crypto/sodium.ts';
import { addTestOrg, buildTestApp } from '../helpers/app.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';
import { addTestStaff, as, type Session, signIn } from '../helpers/staff.ts';

const sodium = await loadSodium();
let day = '2026-05-01';
const { app, handle, orgs } = await buildTestApp({ clock: () => new Date(`${day}T15:00:00Z`) });
const other = addTestOrg(sodium, handle, 'test-other', 'advocacy');

const contact = { method: 'whatsapp' as const, value: 'CONTACTO-111', needs: ['advice' as const] };
async function submit(draft: Parameters<typeof sealedSubmission>[1] = {}): Promise<string> {
  const body = await sealedSubmission(orgs, draft);
  const res = await app.inject({ method: 'POST', url: '/api/reports', payload: body });
  expect(res.statusCode).toBe(201);
  return body.id;
}

day = '2026-05-01';
const older = await submit({ facts: validFacts({ region: '16', perpetrators: ['client'] }) });
day = '2026-05-03';
const newer = await submit({ narrative: 'NARRATIVA-Q1', legalAid: { contact } });
const otherReport = await (async () => {
  const body = await sealedSubmission({ advocacy: other });
  await app.inject({ method: 'POST', url: '/api/reports', payload: body });
  return body.id;
})();

const advocacyCw = await signIn(app, await addTestStaff(handle, orgs.advocacy, 'caseworker'));
const legalCw = await signIn(app, await addTestStaff(handle, orgs.legal, 'caseworker'));
const analyst = await signIn(app, await addTestStaff(handle, orgs.advocacy, 'analyst'));
const advocacyAdmin = await signIn(app, await addTestStaff(handle, orgs.advocacy, 'admin'));

type Item = {
  id: string;
  box: string;
  status: string;
  messages: Array<{ kind: string; box: string }>;
};
async function inbox(s: Session, query = ''): Promise<Item[]> {
  const res = await app.inject({ url: `/api/org/reports${query}`, headers: as(s) });
  expect(res.statusCode).toBe(200);
  return res.json().reports;
}

describe('who receives which boxes', () => {
  it('a caseworker gets their organisation’s boxes, newest first, which open with its key', async () => {
    const items = await inbox(advocacyCw);
    expect(items.map((i) => i.id)).toEqual([newer, older]);
    const doc = openBox(
      sodium,
      fromBase64(sodium, items[0]?.box ?? ''),
      orgs.advocacy.publicKey,
      orgs.advocacy.secretKey,
    );
    expect(doc.narrative).toBe('NARRATIVA-Q1');
    expect(doc.contact).toBeUndefined(); // the advocacy box never holds contact details
  });

  it('a legal-aid caseworker gets only the report that asked for legal aid, with the contact', async () => {
    const items = await inbox(legalCw);
    expect(items.map((i) => i.id)).toEqual([newer]);
    const doc = openBox(
      sodium,
      fromBase64(sodium, items[0]?.box ?? ''),
      orgs.legal.publicKey,
      orgs.legal.secretKey,
    );
    expect(doc.contact?.value).toBe('CONTACTO-111');
  });

  it('never hands out another organisation’s boxes', async () => {
    expect((await inbox(advocacyCw)).map((i) => i.id)).not.toContain(otherReport);
    const res = await app.inject({
      url: `/api/org/reports/${otherReport}`,
      headers: as(advocacyCw),
    });
    expect(res.statusCode).toBe(404);
    const legal = await app.inject({ url: `/api/org/reports/${older}`, headers: as(legalCw) });
    expect(legal.statusCode).toBe(404);
  });

  it('an analyst receives no box at all', async () => {
    for (const url of ['/api/org/reports', `/api/org/reports/${newer}`, '/api/org/intake']) {
      const res = await app.inject({ url, headers: as(analyst) });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toMatch(/"box"/);
    }
  });

  it('refuses anyone not signed in', async () => {
    expect((await app.inject({ url: '/api/org/reports' })).statusCode).toBe(401);
  });
});

describe('filters', () => {
  it('filters by region, perpetrator and status on the server', async () => {
    expect((await inbox(advocacyCw, '?region=16')).map((i) => i.id)).toEqual([older]);
    expect((await inbox(advocacyCw, '?perpetrator=client')).map((i) => i.id)).toEqual([older]);
    expect((await inbox(advocacyCw, '?perpetrator=police')).map((i) => i.id)).toEqual([newer]);
    expect(await inbox(advocacyCw, '?status=spam')).toEqual([]);
  });

  it('refuses an unknown filter value with 400, not 500', async () => {
    const res = await app.inject({ url: '/api/org/reports?region=99', headers: as(advocacyCw) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toMatch(/region/);
  });
});

describe('triage', () => {
  const put = (s: Session, id: string, status: string) =>
    app.inject({
      method: 'PUT',
      url: `/api/org/reports/${id}/status`,
      headers: as(s),
      payload: { status },
    });

  it('moves new → in_review → verified, and verified marks the report for statistics', async () => {
    expect((await put(advocacyCw, older, 'verified')).statusCode).toBe(409);
    expect((await put(advocacyCw, older, 'in_review')).statusCode).toBe(204);
    expect((await put(advocacyCw, older, 'verified')).statusCode).toBe(204);
    expect((await inbox(advocacyCw, '?status=verified')).map((i) => i.id)).toEqual([older]);
    const row = handle.sqlite.prepare('select verified from reports where id = ?').get(older);
    expect(row).toEqual({ verified: 1 });
    // The other organisation's copy keeps its own status.
    const legalItem = handle.sqlite
      .prepare('select status from report_boxes where report_id = ? and recipient_id = ?')
      .get(newer, orgs.legal.id);
    expect(legalItem).toEqual({ status: 'new' });
  });

  it('cannot change the status of another organisation’s report, nor without CSRF token', async () => {
    expect((await put(legalCw, older, 'in_review')).statusCode).toBe(404);
    const res = await app.inject({
      method: 'PUT',
      url: `/api/org/reports/${newer}/status`,
      headers: { cookie: advocacyCw.cookie },
      payload: { status: 'in_review' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('analysts cannot triage', async () => {
    expect((await put(analyst, newer, 'in_review')).statusCode).toBe(403);
  });
});

describe('notes', () => {
  it('are stored sealed to the organisation and come back with the report', async () => {
    const box = toBase64(
      sodium,
      sealMessage(
        sodium,
        { v: 1, reportId: newer, text: 'NOTA-ZZ9 llamar' },
        orgs.advocacy.publicKey,
      ),
    );
    const res = await app.inject({
      method: 'POST',
      url: `/api/org/reports/${newer}/notes`,
      headers: as(advocacyAdmin),
      payload: { box },
    });
    expect(res.statusCode).toBe(201);
    const opened = await app.inject({ url: `/api/org/reports/${newer}`, headers: as(advocacyCw) });
    const note = opened.json().messages[0];
    expect(note.kind).toBe('note');
    const doc = openMessage(
      sodium,
      fromBase64(sodium, note.box),
      newer,
      orgs.advocacy.publicKey,
      orgs.advocacy.secretKey,
    );
    expect(doc.text).toBe('NOTA-ZZ9 llamar');
    expect(
      JSON.stringify(handle.sqlite.prepare('select * from report_messages').all()),
    ).not.toContain('NOTA-ZZ9');
    // The legal-aid organisation does not receive the advocacy organisation's notes.
    const legal = await app.inject({ url: `/api/org/reports/${newer}`, headers: as(legalCw) });
    expect(legal.json().messages).toEqual([]);
  });

  it('refuses a box of an impossible size', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/org/reports/${newer}/notes`,
      headers: as(advocacyCw),
      payload: { box: 'AAAA' },
    });
    expect(res.statusCode).toBe(400);
  });

  it('a reply is refused when the person kept no receipt code', async () => {
    const box = toBase64(
      sodium,
      sealMessage(sodium, { v: 1, reportId: newer, text: 'hola' }, orgs.advocacy.publicKey),
    );
    const res = await app.inject({
      method: 'POST',
      url: `/api/org/reports/${newer}/replies`,
      headers: as(advocacyCw),
      payload: { box, copy: box },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('no_follow_up');
  });
});

describe('audit', () => {
  it('records listing, opening, status changes and notes, without content', async () => {
    const res = await app.inject({ url: '/api/org/audit', headers: as(advocacyAdmin) });
    const entries = res.json().entries as Array<{ action: string; reportId: string | null }>;
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['reports_listed', 'report_opened', 'status_changed', 'note_added']),
    );
    expect(entries.find((e) => e.action === 'report_opened')?.reportId).toBe(newer);
    expect(res.body).not.toContain('NOTA-ZZ9');
    expect(res.body).not.toContain('NARRATIVA');
  });
});
