// POST /api/reports: what a valid report leaves behind (its facts, codes and boxes, each box
// opened only by its own recipient's key), and what it must never leave behind about the sender.
import { afterEach, describe, expect, it } from 'vitest';
import { PAD_BLOCK } from '../../src/crypto/box-sizes.ts';
import { buildTestApp, type TestApp, type TestOrg } from '../helpers/app.ts';
import {
  allTables,
  allTextValues,
  columnsOf,
  rowCounts,
  STAFF_TABLES,
} from '../helpers/db-rows.ts';
import { independentSealOpen, isoUnpad } from '../helpers/independent-box.ts';
import { monthsAgo } from '../helpers/months.ts';
import { expectReceived, reportRoute } from '../helpers/report-route.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';

let t: TestApp;
afterEach(async () => t?.app.close());
const { post, storedReport } = reportRoute(() => t);

function openStored(reportId: string, org: TestOrg): string | null {
  const row = t.handle.sqlite
    .prepare('select box from report_boxes where report_id = ? and recipient_id = ?')
    .get(reportId, org.id) as { box: Buffer } | undefined;
  if (!row) return null;
  const padded = independentSealOpen(new Uint8Array(row.box), org.publicKey, org.secretKey);
  const plain = padded && isoUnpad(padded, PAD_BLOCK);
  return plain ? new TextDecoder().decode(plain) : null;
}

describe('a valid report', () => {
  it('is answered 201 and stored with its facts, codes and box', async () => {
    t = await buildTestApp();
    const facts = validFacts({
      incidentMonth: monthsAgo(3),
      region: '25',
      perpetrators: ['stranger', 'police', 'serenazgo'],
      violence: ['sexual_extortion', 'robbery'],
      setting: 'police_premises',
    });
    const body = await sealedSubmission(t.orgs, { facts });
    expectReceived(await post(body), body.id);

    expect(rowCounts(t.handle)).toEqual({ reports: 1, report_boxes: 1 });
    const row = storedReport(body.id, '*');
    expect(row).toMatchObject({
      incident_month: facts.incidentMonth,
      region: '25',
      identity: facts.identity,
      age_band: facts.ageBand,
      nationality: facts.nationality,
      setting: 'police_premises',
      reported_to_authority: facts.reportedToAuthority,
      channel: facts.channel,
      // Each multi-valued fact as a JSON array in code order, whatever order it was sent in.
      perpetrators: '["police","serenazgo","stranger"]',
      violence: '["robbery","sexual_extortion"]',
    });
  });

  it('stores the box byte for byte, and the advocacy key opens it', async () => {
    t = await buildTestApp();
    const body = await sealedSubmission(t.orgs, { narrative: 'RELATO-DISTINTIVO-41' });
    expect((await post(body)).statusCode).toBe(201);
    const stored = t.handle.sqlite
      .prepare('select box from report_boxes where report_id = ?')
      .get(body.id) as { box: Buffer };
    expect(stored.box.toString('base64')).toBe(body.sealed[0]?.box);
    const text = openStored(body.id, t.orgs.advocacy);
    expect(text).toContain('RELATO-DISTINTIVO-41');
    expect(JSON.parse(text ?? '{}').reportId).toBe(body.id);
    expect(openStored(body.id, t.orgs.legal)).toBeNull();
  });

  it('with legal aid: stores a second box that only the legal-aid key opens, holding the contact', async () => {
    t = await buildTestApp();
    const body = await sealedSubmission(t.orgs, {
      narrative: 'RELATO-DISTINTIVO-42',
      legalAid: { contact: { method: 'sms', value: 'CONTACTO-DISTINTIVO-42' } },
    });
    expect(body.sealed.map((b) => b.recipient)).toEqual([t.orgs.advocacy.id, t.orgs.legal.id]);
    expect((await post(body)).statusCode).toBe(201);
    expect(rowCounts(t.handle).report_boxes).toBe(2);
    expect(openStored(body.id, t.orgs.advocacy)).not.toContain('CONTACTO-DISTINTIVO-42');
    const legalBox = t.handle.sqlite
      .prepare('select box from report_boxes where report_id = ? and recipient_id = ?')
      .get(body.id, t.orgs.legal.id) as { box: Buffer };
    // The advocacy key cannot open the legal-aid box.
    expect(
      independentSealOpen(
        new Uint8Array(legalBox.box),
        t.orgs.advocacy.publicKey,
        t.orgs.advocacy.secretKey,
      ),
    ).toBeNull();
    expect(openStored(body.id, t.orgs.legal)).toContain('CONTACTO-DISTINTIVO-42');
  });

  it('accepts the largest possible box (48 + 63·1024 bytes) unopened', async () => {
    t = await buildTestApp();
    const body = await sealedSubmission(t.orgs);
    const big = Buffer.alloc(48 + 63 * 1024, 9).toString('base64');
    const res = await post({ ...body, sealed: [{ recipient: t.orgs.advocacy.id, box: big }] });
    expect(res.statusCode).toBe(201);
    expect(rowCounts(t.handle).report_boxes).toBe(1);
  });
});
describe('what the server keeps about the sender', () => {
  const CLIENT_IP = '203.0.113.77';
  const SOCKET_IP = '198.51.100.23';
  const USER_AGENT = 'VozTestAgent/9.9';
  const WHEN = new Date('2026-11-23T23:59:58.123Z');

  it('stores no address, user agent or time finer than a day, anywhere in the database', async () => {
    t = await buildTestApp({ clock: () => WHEN });
    const body = await sealedSubmission(t.orgs, { narrative: 'RELATO-DISTINTIVO-43' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: body,
      remoteAddress: SOCKET_IP,
      headers: { 'x-forwarded-for': CLIENT_IP, 'x-real-ip': CLIENT_IP, 'user-agent': USER_AGENT },
    });
    expect(res.statusCode).toBe(201);

    const file = t.handle.sqlite.serialize();
    const text = file.toString('latin1');
    expect(text).toContain(body.id); // the search does see stored text
    for (const secret of [
      CLIENT_IP,
      SOCKET_IP,
      USER_AGENT,
      'VozTestAgent',
      'RELATO-DISTINTIVO-43',
    ]) {
      expect(text.includes(secret), secret).toBe(false);
    }
    for (const exact of [
      WHEN.toISOString(),
      String(WHEN.getTime()),
      String(Math.floor(WHEN.getTime() / 1000)),
      '23:59',
    ]) {
      expect(text.includes(exact), exact).toBe(false);
    }
    for (const value of allTextValues(t.handle)) expect(value).not.toMatch(/\d{2}:\d{2}/);
  });

  it('records the day of receipt as YYYY-MM-DD (UTC) and nothing finer', async () => {
    t = await buildTestApp({ clock: () => WHEN });
    const body = await sealedSubmission(t.orgs);
    expect((await post(body)).statusCode).toBe(201);
    const row = storedReport(body.id, 'received_day');
    expect(row).toEqual({ received_day: '2026-11-23' });
  });

  it('has no column that could hold an address, a user agent or a timestamp', async () => {
    t = await buildTestApp();
    const suspicious =
      /(^|_)(ip|ips|addr|address|remote|user_agent|agent|ua|timestamp|time|datetime|created_at|updated_at|at)(_|$)/i;
    // Staff tables are exempt: staff are not anonymous, and their sessions need times to expire.
    const reporterTables = allTables(t.handle).filter(
      (name) => !name.startsWith('__drizzle') && !STAFF_TABLES.includes(name),
    );
    for (const table of reporterTables) {
      for (const column of columnsOf(t.handle, table))
        expect(column, `${table}.${column}`).not.toMatch(suspicious);
    }
    expect(columnsOf(t.handle, 'reports')).toContain('received_day');
  });
});
