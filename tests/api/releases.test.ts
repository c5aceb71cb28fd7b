// Releases: only a token holder publishes; a release is frozen, citable and downloadable.
import { afterEach, describe, expect, it } from 'vitest';
import { issueReleaseToken } from '../../api/services/release-token.ts';
import type { Facts } from '../../src/schemas.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { monthsAgo } from '../helpers/months.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

async function submit(times: number, facts: Partial<Facts>): Promise<void> {
  for (let i = 0; i < times; i++) {
    const body = await sealedSubmission(t.orgs, {
      facts: validFacts({ incidentMonth: monthsAgo(2), ...facts }),
    });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/reports', payload: body })).statusCode,
    ).toBe(201);
  }
}

const period = () => ({ from: monthsAgo(12), to: monthsAgo(0) });

async function publish(token: string | null, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/releases',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: body,
  });
}

async function setUp(): Promise<string> {
  t = await buildTestApp({ statsK: 3 });
  await submit(6, { perpetrators: ['police'], region: '1501' });
  await submit(4, { perpetrators: ['serenazgo'], region: '16' });
  return issueReleaseToken(t.handle.db, t.orgs.advocacy.id, new Date());
}

describe('publishing', () => {
  it('freezes the tables the API shows, with the method note, at a permanent address', async () => {
    const token = await setUp();
    const res = await publish(token, {
      title: 'Violencia policial 2026 (datos sintéticos)',
      ...period(),
      tables: [['perpetrator'], ['region', 'perpetrator']],
    });
    expect(res.statusCode, res.body).toBe(201);
    const release = res.json();
    expect(release.id).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
    expect(release.organisation.id).toBe(t.orgs.advocacy.id);
    expect(release.method).toMatchObject({
      period: period(),
      k: 3,
      differentialPrivacy: null,
      synthetic: true,
    });
    const live = await t.app.inject({
      url: `/api/stats?by=perpetrator&from=${period().from}&to=${period().to}`,
    });
    expect(release.tables[0].cells).toEqual(live.json().cells);

    // New reports change the live statistics but never the release.
    await submit(5, { perpetrators: ['police'], region: '1501' });
    const again = await t.app.inject({ url: `/api/releases/${release.id}` });
    expect(again.statusCode).toBe(200);
    expect(again.json().tables).toEqual(release.tables);
    const list = await t.app.inject({ url: '/api/releases' });
    expect(list.json().releases.map((r: { id: string }) => r.id)).toEqual([release.id]);
  });

  it('serves a CSV with one row per cell and per total, matching the JSON', async () => {
    const token = await setUp();
    const release = (
      await publish(token, { title: 'Por región', ...period(), tables: [['region']] })
    ).json();
    const res = await t.app.inject({ url: `/api/releases/${release.id}/csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`voz-segura-${release.id}.csv`);
    const rows = res.body
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual([
      'release',
      'table',
      'by',
      'dimension_1',
      'code_1',
      'dimension_2',
      'code_2',
      'dimension_3',
      'code_3',
      'count',
      'suppressed',
    ]);
    expect(rows).toHaveLength(1 + release.tables[0].cells.length + 1);
    const lima = rows.find((r) => r[4] === '1501');
    expect(lima?.[9]).toBe('6');
    expect(rows.at(-1)?.slice(3, 4)).toEqual(['total']);
    expect(rows.at(-1)?.[9]).toBe('10');
  });

  it('a correction is a new release that points back; the old one says it was corrected', async () => {
    const token = await setUp();
    const first = (
      await publish(token, { title: 'Primera', ...period(), tables: [['region']] })
    ).json();
    const fix = await publish(token, {
      title: 'Primera (corregida)',
      ...period(),
      tables: [['region']],
      corrects: first.id,
    });
    expect(fix.statusCode).toBe(201);
    expect(fix.json().corrects).toBe(first.id);
    const old = (await t.app.inject({ url: `/api/releases/${first.id}` })).json();
    expect(old.correctedBy).toEqual([fix.json().id]);
    expect(old.title).toBe('Primera');
  });

  it('the database refuses to change or delete a release', async () => {
    const token = await setUp();
    const first = (
      await publish(token, { title: 'Fija', ...period(), tables: [['region']] })
    ).json();
    expect(() =>
      t.handle.sqlite.prepare(`update releases set title = 'x' where id = ?`).run(first.id),
    ).toThrow(/immutable/);
    expect(() =>
      t.handle.sqlite.prepare('delete from releases where id = ?').run(first.id),
    ).toThrow(/immutable/);
  });
});

describe('differential privacy and the budget', () => {
  it('states ε and sensitivity, and spends the budget until it runs out', async () => {
    const token = await setUp();
    const body = {
      title: 'Con ruido',
      ...period(),
      tables: [['perpetrator'], ['region']],
      epsilon: 1.5,
    };
    const first = await publish(token, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().method.differentialPrivacy).toMatchObject({
      epsilon: 1.5,
      epsilonPerTable: 0.75,
      sensitivity: [14, 2],
    });
    // sd = sqrt(2α)/(1 − α): α = exp(−0.75/14) gives 26.40 by perpetrator, exp(−0.75/2) 3.75 by region.
    const [sdPerpetrator, sdRegion] =
      first.json().method.differentialPrivacy.noiseStandardDeviation;
    expect(sdPerpetrator).toBeCloseTo(26.4, 1);
    expect(sdRegion).toBeCloseTo(3.75, 1);
    // The noise is frozen with the release, and its seed is not kept anywhere.
    const id = first.json().id;
    const again = (await t.app.inject({ url: `/api/releases/${id}` })).json();
    expect(again.tables).toEqual(first.json().tables);
    const stored = t.handle.sqlite.prepare('select * from releases where id = ?').get(id);
    expect(Object.keys(stored as object).sort()).toEqual([
      'corrects',
      'document',
      'id',
      'org_id',
      'published_day',
      'title',
    ]);
    expect((stored as { document: string }).document).not.toMatch(/seed/i);
    expect((await publish(token, body)).statusCode).toBe(201); // 3.0 of the default 3
    const over = await publish(token, { ...body, epsilon: 0.1 });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'privacy_budget_exhausted',
      issues: [{ path: 'body.epsilon' }],
    });
    // Releases without noise spend nothing and are still allowed.
    expect((await publish(token, { ...body, epsilon: undefined })).statusCode).toBe(201);
  });
});

describe('who may publish, and bad requests', () => {
  it.each([
    ['no token', null],
    ['a wrong token', 'x'.repeat(43)],
    ['a malformed token', 'not a token!'],
  ])('%s → 401', async (_what, token) => {
    await setUp();
    const res = await publish(token, { title: 'Nada', ...period(), tables: [['region']] });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
    expect((await t.app.inject({ url: '/api/releases' })).json().releases).toEqual([]);
  });

  it.each([
    ['no title', { tables: [['region']] }, 'body.title'],
    ['no tables', { title: 'Sin tablas', tables: [] }, 'body.tables'],
    ['an unknown dimension', { title: 'Mal', tables: [['city']] }, 'body.tables'],
    ['the same table twice', { title: 'Doble', tables: [['region'], ['region']] }, 'body.tables'],
    ['ε of 0', { title: 'Cero', tables: [['region']], epsilon: 0 }, 'body.epsilon'],
    ['ε of 50', { title: 'Mucho', tables: [['region']], epsilon: 50 }, 'body.epsilon'],
    [
      'an unknown filter',
      { title: 'Filtro', tables: [['region']], filters: { city: 'x' } },
      'body.filters',
    ],
  ])('%s → 400 naming %s', async (_what, extra, path) => {
    const token = await setUp();
    const res = await publish(token, { ...period(), ...extra });
    expect(res.statusCode).toBe(400);
    const paths: string[] = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(
      paths.some((p) => p.startsWith(path)),
      paths.join(),
    ).toBe(true);
  });

  it('a month table over more than 240 months → 400 naming body.from', async () => {
    const token = await setUp();
    const res = await publish(token, {
      title: 'Demasiado largo',
      from: '2001-01',
      to: '2021-01',
      tables: [['month']],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'range_too_wide',
      issues: [{ path: 'body.from' }],
    });
  });

  it('a correction of an unknown release → 422; an unknown release → 404', async () => {
    const token = await setUp();
    const res = await publish(token, {
      title: 'Corrige',
      ...period(),
      tables: [['region']],
      corrects: 'nope',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('unknown_release');
    expect((await t.app.inject({ url: '/api/releases/2026-01-01-00000000' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/releases/2026-01-01-00000000/csv' })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ url: '/api/releases/BAD%20ID' })).statusCode).toBe(400);
  });
});
