// Following up with a receipt code: status, replies only the reporter can open, adding
// information, withdrawing; a wrong code reveals nothing; guessing is throttled for everyone.
import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_LIMIT } from '../../api/routes/reporter/follow-up.ts';
import { statsTable } from '../../api/services/workspace/stats-table.ts';
import { openMessage, sealMessage } from '../../src/crypto/message-box.ts';
import { fromBase64, loadSodium, toBase64 } from '../../src/crypto/sodium.ts';
import { buildTestApp } from '../helpers/app.ts';
import { newReceipt } from '../helpers/follow-up.ts';
import { sealedSubmission } from '../helpers/reports.ts';
import { addTestStaff, as, signIn } from '../helpers/staff.ts';

const sodium = await loadSodium();
let now = new Date('2026-05-10T12:00:00Z').getTime();
const { app, handle, orgs } = await buildTestApp({ clock: () => new Date(now), statsK: 2 });
const legalCw = await signIn(app, await addTestStaff(handle, orgs.legal, 'caseworker'));
const contact = { method: 'sms' as const, value: 'CONTACTO-333', needs: ['advice' as const] };

async function reportWithReceipt() {
  const receipt = await newReceipt();
  const body = {
    ...(await sealedSubmission(orgs, { legalAid: { contact } })),
    followUp: receipt.followUp,
  };
  const res = await app.inject({ method: 'POST', url: '/api/reports', payload: body });
  expect(res.statusCode).toBe(201);
  expect(res.headers['set-cookie']).toBeUndefined();
  return { receipt, id: body.id };
}
const lookup = (token: string) =>
  app.inject({ method: 'POST', url: '/api/follow-up/lookup', payload: { token } });
const seal = (reportId: string, text: string, key: Uint8Array) =>
  toBase64(sodium, sealMessage(sodium, { v: 1, reportId, text }, key));

describe('follow-up', () => {
  const story = reportWithReceipt();

  it('stores only the hash of the lookup token and the reply public key', async () => {
    const { receipt } = await story;
    const stored = JSON.stringify(handle.sqlite.prepare('select * from report_follow_ups').all());
    expect(stored).toContain(receipt.followUp.lookupHash);
    expect(stored).not.toContain(receipt.code);
    expect(stored).not.toContain(Buffer.from(receipt.token, 'base64').toString('hex'));
  });

  it('shows each organisation’s status and a reply that only the reporter can open', async () => {
    const { receipt, id } = await story;
    const item = await app.inject({ url: `/api/org/reports/${id}`, headers: as(legalCw) });
    const replyKey = fromBase64(sodium, item.json().replyPublicKey);
    const sent = await app.inject({
      method: 'POST',
      url: `/api/org/reports/${id}/replies`,
      headers: as(legalCw),
      payload: {
        box: seal(id, 'RESPUESTA-44 te llamamos el lunes', replyKey),
        copy: seal(id, 'RESPUESTA-44 te llamamos el lunes', orgs.legal.publicKey),
      },
    });
    expect(sent.statusCode).toBe(201);
    await app.inject({
      method: 'PUT',
      url: `/api/org/reports/${id}/case-status`,
      headers: as(legalCw),
      payload: { caseStatus: 'contacted' },
    });

    const res = await lookup(receipt.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const view = res.json();
    expect(
      view.organisations.find((o: { role: string }) => o.role === 'legal_aid').caseStatus,
    ).toBe('contacted');
    expect(view.replies).toHaveLength(1);
    const text = openMessage(
      sodium,
      fromBase64(sodium, view.replies[0].box),
      id,
      receipt.replyPublicKey,
      receipt.replySecretKey,
    ).text;
    expect(text).toBe('RESPUESTA-44 te llamamos el lunes');
    expect(() =>
      openMessage(
        sodium,
        fromBase64(sodium, view.replies[0].box),
        id,
        orgs.legal.publicKey,
        orgs.legal.secretKey,
      ),
    ).toThrow();
    expect(
      JSON.stringify(handle.sqlite.prepare('select * from report_messages').all()),
    ).not.toContain('RESPUESTA-44');
  });

  it('lets the reporter add information sealed to the organisations that have the report', async () => {
    const { receipt, id } = await story;
    const res = await app.inject({
      method: 'POST',
      url: '/api/follow-up/information',
      payload: {
        token: receipt.token,
        sealed: [{ recipient: orgs.legal.id, box: seal(id, 'AGREGADO-55', orgs.legal.publicKey) }],
      },
    });
    expect(res.statusCode).toBe(201);
    const item = await app.inject({ url: `/api/org/reports/${id}`, headers: as(legalCw) });
    const addition = item.json().messages.find((m: { kind: string }) => m.kind === 'addition');
    expect(
      openMessage(
        sodium,
        fromBase64(sodium, addition.box),
        id,
        orgs.legal.publicKey,
        orgs.legal.secretKey,
      ).text,
    ).toBe('AGREGADO-55');
    const stray = await app.inject({
      method: 'POST',
      url: '/api/follow-up/information',
      payload: {
        token: receipt.token,
        sealed: [{ recipient: 'nowhere', box: seal(id, 'x', orgs.legal.publicKey) }],
      },
    });
    expect(stray.statusCode).toBe(422);
  });

  it('answers a wrong code exactly as when no report exists at all', async () => {
    const empty = await buildTestApp();
    const stranger = await newReceipt();
    const here = await lookup(stranger.token);
    const there = await empty.app.inject({
      method: 'POST',
      url: '/api/follow-up/lookup',
      payload: { token: stranger.token },
    });
    expect(here.statusCode).toBe(404);
    expect(here.body).toBe(there.body);
    const bad = await lookup('not a token');
    expect(bad.statusCode).toBe(400);
  });

  it('withdrawing deletes the boxes and takes the report out of the counts', async () => {
    await story;
    await reportWithReceipt(); // three reports, so both totals are above the suppression threshold
    const { receipt, id } = await reportWithReceipt();
    // The exact counts, both the running totals and those of the legal-aid organisation alone.
    const total = (): number[] => [
      statsTable(handle.db, { by: ['region'] }, 2).total ?? Number.NaN,
      statsTable(handle.db, { by: ['region'] }, 2, { orgId: orgs.legal.id }).total ?? Number.NaN,
    ];
    const before = total();
    expect(before.every((n) => n >= 3)).toBe(true);
    const res = await app.inject({
      method: 'POST',
      url: '/api/follow-up/withdraw',
      payload: { token: receipt.token },
    });
    expect(res.statusCode).toBe(204);
    expect(total()).toEqual(before.map((n) => n - 1));
    for (const table of ['reports', 'report_boxes', 'report_messages', 'report_follow_ups']) {
      const col = table === 'reports' ? 'id' : 'report_id';
      const row = handle.sqlite
        .prepare(`select count(*) as n from ${table} where ${col} = ?`)
        .get(id);
      expect(row, table).toEqual({ n: 0 });
    }
    expect((await lookup(receipt.token)).statusCode).toBe(404);
    expect(
      (await app.inject({ url: `/api/org/reports/${id}`, headers: as(legalCw) })).statusCode,
    ).toBe(404);
  });

  it.each([
    ['lookupHash', { lookupHash: 'ABC', replyPublicKey: `${'A'.repeat(43)}=` }],
    ['replyPublicKey', { lookupHash: 'a'.repeat(64), replyPublicKey: 'AAAA' }],
  ])('refuses a malformed followUp.%s with 400 and stores nothing', async (field, followUp) => {
    const body = { ...(await sealedSubmission(orgs)), followUp };
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe(`body.followUp.${field}`);
    const row = handle.sqlite
      .prepare('select count(*) as n from reports where id = ?')
      .get(body.id);
    expect(row).toEqual({ n: 0 });
  });

  it('refuses a second report with a lookup hash already in use', async () => {
    const { receipt } = await story;
    const body = { ...(await sealedSubmission(orgs)), followUp: receipt.followUp };
    const res = await app.inject({ method: 'POST', url: '/api/reports', payload: body });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('receipt_conflict');
  });

  it('throttles look-ups for everyone together, without recording who asked', async () => {
    now += 120_000; // a fresh window
    const stranger = await newReceipt();
    const codes: number[] = [];
    for (let i = 0; i <= FOLLOW_UP_LIMIT; i++)
      codes.push((await lookup(stranger.token)).statusCode);
    expect(codes.slice(0, FOLLOW_UP_LIMIT).every((c) => c === 404)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    const { receipt } = await story;
    expect((await lookup(receipt.token)).statusCode).toBe(429);
    now += 60_000;
    expect((await lookup(receipt.token)).statusCode).toBe(200);
  });
});
