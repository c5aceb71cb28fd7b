// Releases: only a token holder publishes; a release freezes chosen tables of the newest public
// snapshot, exactly as GET /api/stats answers them, and is citable and downloadable.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { issueReleaseToken } from '../../api/services/release-token.ts';
import { COUNTING_RULES, NOISE_MECHANISM_TEXT } from '../../src/release-texts.ts';
import type { Release } from '../../src/releases.ts';
import type { Facts } from '../../src/schemas.ts';
import type { PublicStats } from '../../src/statistics/public-query.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';
import { publishTestSnapshot } from '../helpers/snapshots.ts';

const DAY = '2026-06-15';
const NEXT_DAY = '2026-06-16';
let now = new Date(`${DAY}T15:00:00Z`);

let t: TestApp;
afterEach(async () => t?.app.close());

async function submit(times: number, facts: Partial<Facts>): Promise<void> {
  for (let i = 0; i < times; i++) {
    const body = await sealedSubmission(t.orgs, {
      facts: validFacts({ incidentMonth: '2026-05', ...facts }),
    });
    const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
    expect(res.statusCode, res.body).toBe(201);
  }
}

async function publish(token: string | null, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/releases',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: body,
  });
}

/** The public API's answer, as the bytes it sends. */
async function publicAnswer(query: string): Promise<string> {
  const res = await t.app.inject({ url: `/api/stats?${query}` });
  expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
  return res.body;
}

async function storedReleases(): Promise<string[]> {
  const list = await t.app.inject({ url: '/api/releases' });
  return (list.json() as { releases: Array<{ id: string }> }).releases.map((r) => r.id);
}

/** Ten reports received on DAY and, unless told otherwise, a snapshot through DAY. */
async function setUp(opts: { snapshot?: boolean } = {}): Promise<string> {
  now = new Date(`${DAY}T15:00:00Z`);
  t = await buildTestApp({ statsK: 3, clock: () => now });
  await submit(6, { perpetrators: ['police'], region: '1501' });
  await submit(4, { perpetrators: ['serenazgo'], region: '16' });
  if (opts.snapshot !== false) publishTestSnapshot(t.handle.db, DAY);
  return issueReleaseToken(t.handle.db, t.orgs.advocacy.id, now);
}

/** A later snapshot, after more reports: the public answers change, releases must not. */
async function laterSnapshot(): Promise<void> {
  now = new Date(`${NEXT_DAY}T15:00:00Z`);
  await submit(5, { perpetrators: ['police'], region: '1501' });
  publishTestSnapshot(t.handle.db, NEXT_DAY);
}

describe('publishing', () => {
  it('freezes the public answers of the chosen tables, with the method note, at a permanent address', async () => {
    const token = await setUp();
    const tables = [['perpetrator'], ['perpetrator', 'region'], ['gbvType']];
    const res = await publish(token, {
      title: 'Violencia policial 2026 (datos sintéticos)',
      tables,
    });
    expect(res.statusCode, res.body).toBe(201);
    const release = res.json() as Release;
    expect(release.id).toMatch(/^2026-06-15-[0-9a-f]{8}$/);
    expect(release.organisation.id).toBe(t.orgs.advocacy.id);
    expect(release.publishedDay).toBe(DAY);
    expect(release.snapshot).toEqual({ id: 1, through: DAY, publishedDay: DAY, period: 'quarter' });
    const snapshotSigma = (
      JSON.parse(
        (
          t.handle.sqlite.prepare('select document from stat_snapshots').get() as {
            document: string;
          }
        ).document,
      ) as { privacy: { sigma: Record<string, number> } }
    ).privacy.sigma;
    expect(release.method).toEqual({
      period: { from: null, to: null },
      filters: {},
      noise: {
        mechanism: NOISE_MECHANISM_TEXT,
        rhoPerReport: 1,
        intervalLevel: 0.9,
        sigma: snapshotSigma,
      },
      countingRules: COUNTING_RULES,
      synthetic: true,
    });
    // Nothing of the old exact, suppressed tables is left in a release.
    expect(JSON.stringify(release)).not.toMatch(/"(k|suppressed|epsilon|withheld)"/);
    const queries = tables.map((by) => `by=${by.join(',')}`);
    const answers = await Promise.all(queries.map(publicAnswer));
    release.tables.forEach((table, i) => {
      expect(table, queries[i]).toEqual(JSON.parse(answers[i] ?? ''));
    });

    // A later snapshot changes the public answers but never the release.
    await laterSnapshot();
    const later = JSON.parse(await publicAnswer('by=perpetrator')) as PublicStats;
    expect(later.snapshot.through).toBe(NEXT_DAY);
    expect(later).not.toEqual(release.tables[0]);
    const again = await t.app.inject({ url: `/api/releases/${release.id}` });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(release);
    expect(await storedReleases()).toEqual([release.id]);
  });

  it('holds each table as the public API sends it, byte for byte', async () => {
    const token = await setUp();
    const cases: Array<{
      tables: string[][];
      from?: string;
      to?: string;
      filters?: Record<string, string>;
    }> = [
      { tables: [['region'], ['month']], from: '2026-01', to: '2026-06' },
      { tables: [['region'], ['violence']], filters: { perpetrator: 'police' } },
      { tables: [['perpetrator', 'region']] },
    ];
    for (const body of cases) {
      const res = await publish(token, { title: 'Byte a byte', ...body });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as Release).id;
      const served = (await t.app.inject({ url: `/api/releases/${id}` })).json() as Release;
      for (const [i, by] of body.tables.entries()) {
        const query = [
          `by=${by.join(',')}`,
          ...(body.from ? [`from=${body.from}`] : []),
          ...(body.to ? [`to=${body.to}`] : []),
          ...Object.entries(body.filters ?? {}).map(([k, v]) => `${k}=${v}`),
        ].join('&');
        expect(JSON.stringify(served.tables[i]), query).toBe(await publicAnswer(query));
      }
    }
  });

  it('serves a CSV with one row per cell and per total, matching the JSON cells and intervals', async () => {
    const token = await setUp();
    const release = (
      await publish(token, {
        title: 'Por región, y por responsable y región',
        tables: [['region'], ['perpetrator', 'region']],
      })
    ).json() as Release;
    const res = await t.app.inject({ url: `/api/releases/${release.id}/csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(`voz-segura-${release.id}.csv`);
    const [header, ...rows] = res.body
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(header).toEqual([
      'release',
      'snapshot_through',
      'table',
      'by',
      'dimension_1',
      'code_1',
      'dimension_2',
      'code_2',
      'count',
      'interval_90_low',
      'interval_90_high',
    ]);
    const expected = release.tables.flatMap((table, t) => {
      const by = table.by.join('+');
      const dims = (cell: Record<string, unknown>) =>
        [0, 1].flatMap((j) => {
          const d = table.by[j];
          return d ? [d, String(cell[d])] : ['', ''];
        });
      return [
        ...table.cells.map((cell) => [
          release.id,
          DAY,
          String(t + 1),
          by,
          ...dims(cell),
          String(cell.count),
          String(cell.interval[0]),
          String(cell.interval[1]),
        ]),
        [
          release.id,
          DAY,
          String(t + 1),
          by,
          'total',
          '',
          '',
          '',
          String(table.total),
          String(table.totalInterval[0]),
          String(table.totalInterval[1]),
        ],
      ];
    });
    expect(rows).toEqual(expected);
    expect(rows).toHaveLength(
      (release.tables[0]?.cells.length ?? 0) + (release.tables[1]?.cells.length ?? 0) + 2,
    );
  });

  it('a correction is a new release from the newest snapshot that points back; the old one says it was corrected', async () => {
    const token = await setUp();
    const first = (
      await publish(token, { title: 'Primera', tables: [['region']] })
    ).json() as Release;
    await laterSnapshot();
    const fix = await publish(token, {
      title: 'Primera (corregida)',
      tables: [['region']],
      corrects: first.id,
    });
    expect(fix.statusCode, fix.body).toBe(201);
    expect(fix.json()).toMatchObject({ corrects: first.id, snapshot: { through: NEXT_DAY } });
    const old = (await t.app.inject({ url: `/api/releases/${first.id}` })).json() as Release;
    expect(old.correctedBy).toEqual([fix.json().id]);
    expect(old.title).toBe('Primera');
    expect(old.snapshot.through).toBe(DAY);
    expect(old.tables).toEqual(first.tables);
  });

  it('only the publishing organisation may correct a release', async () => {
    const token = await setUp();
    const first = (
      await publish(token, { title: 'Nuestra', tables: [['region']] })
    ).json() as Release;
    const otherToken = await issueReleaseToken(t.handle.db, t.orgs.legal.id, now);
    const res = await publish(otherToken, {
      title: 'Ajena',
      tables: [['region']],
      corrects: first.id,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('not_your_release');
    expect(await storedReleases()).toEqual([first.id]);
  });

  it('lists every release from one stored answer, built again only when a release is added', async () => {
    const token = await setUp();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await publish(token, { title: `Informe ${i}`, tables: [['region']] });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    ids.sort(); // oldest first, and by id within a day
    expect(await storedReleases()).toEqual(ids);
    // Listing again reads nothing row by row: it used to re-read and parse every release, with
    // a query each for its corrections (N+1; 0.27-0.47 s a call with one large release).
    const prepared = vi.spyOn(t.handle.sqlite, 'prepare');
    for (let i = 0; i < 3; i++) expect(await storedReleases()).toEqual(ids);
    expect(prepared).not.toHaveBeenCalled();
    prepared.mockRestore();
    const fix = await publish(token, { title: 'Corrige', tables: [['region']], corrects: ids[0] });
    expect(fix.statusCode).toBe(201);
    const list = (await t.app.inject({ url: '/api/releases' })).json();
    expect(list.releases).toHaveLength(5);
    const byId = new Map(list.releases.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(ids[0])).toMatchObject({ correctedBy: [fix.json().id] });
    expect(byId.get(fix.json().id)).toMatchObject({ corrects: ids[0], correctedBy: [] });
  });

  it('the database refuses to change or delete a release', async () => {
    const token = await setUp();
    const first = (await publish(token, { title: 'Fija', tables: [['region']] })).json() as Release;
    expect(() =>
      t.handle.sqlite.prepare(`update releases set title = 'x' where id = ?`).run(first.id),
    ).toThrow(/immutable/);
    expect(() =>
      t.handle.sqlite.prepare('delete from releases where id = ?').run(first.id),
    ).toThrow(/immutable/);
  });
});

describe('what a release can hold', () => {
  it('before any snapshot → 409 no_snapshot, and nothing is stored', async () => {
    const token = await setUp({ snapshot: false });
    const res = await publish(token, { title: 'Demasiado pronto', tables: [['region']] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('no_snapshot');
    expect(await storedReleases()).toEqual([]);
  });

  it.each([
    ['a cross table the catalogue lacks', { tables: [['region'], ['identity', 'region']] }],
    [
      'a filter on a fact the table lacks',
      { tables: [['perpetrator'], ['identity']], filters: { violence: 'rape' } },
    ],
  ])(
    '%s → 400 not_in_catalogue naming body.tables.1, and nothing is stored',
    async (_what, extra) => {
      const token = await setUp();
      const res = await publish(token, { title: 'Fuera del catálogo', ...extra });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'not_in_catalogue',
        issues: [{ path: 'body.tables.1' }],
      });
      expect(res.json().error.issues[0].message).toContain('perpetrator+region');
      expect(await storedReleases()).toEqual([]);
    },
  );

  it('limits to the period only the tables that have months, and says so in each table', async () => {
    const token = await setUp();
    const res = await publish(token, {
      title: 'Primer semestre',
      tables: [['month'], ['region'], ['perpetrator']],
      from: '2026-01',
      to: '2026-06',
    });
    expect(res.statusCode, res.body).toBe(201);
    const release = res.json() as Release;
    expect(release.method.period).toEqual({ from: '2026-01', to: '2026-06' });
    // By month, and by region through region × month: the period applies.
    const period = { from: '2026-01', to: '2026-06' };
    expect(release.tables[0]?.filters).toEqual(period);
    expect(release.tables[0]?.cells.map((c) => c.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(release.tables[1]?.filters).toEqual(period);
    expect(release.tables[1]).toEqual(
      JSON.parse(await publicAnswer('by=region&from=2026-01&to=2026-06')),
    );
    // No table of perpetrators by month is published: that one covers every month.
    expect(release.tables[2]?.filters).toEqual({});
    expect(release.tables[2]).toEqual(JSON.parse(await publicAnswer('by=perpetrator')));
  });

  it('takes no ε: noise is the snapshot’s, so `epsilon` is refused with 400', async () => {
    const token = await setUp();
    for (const epsilon of [1, 0.5, 0]) {
      const res = await publish(token, { title: 'Con ε', tables: [['region']], epsilon });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
      expect(JSON.stringify(res.json().error.issues)).toContain('epsilon');
    }
    expect(await storedReleases()).toEqual([]);
  });
});

describe('who may publish, and bad requests', () => {
  it.each([
    ['no token', null],
    ['a wrong token', 'x'.repeat(43)],
    ['a malformed token', 'not a token!'],
  ])('%s → 401', async (_what, token) => {
    await setUp();
    const res = await publish(token, { title: 'Nada', tables: [['region']] });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
    expect(await storedReleases()).toEqual([]);
  });

  it.each([
    ['no title', { tables: [['region']] }, 'body.title'],
    ['no tables', { title: 'Sin tablas', tables: [] }, 'body.tables'],
    ['an unknown dimension', { title: 'Mal', tables: [['city']] }, 'body.tables'],
    ['the same table twice', { title: 'Doble', tables: [['region'], ['region']] }, 'body.tables'],
    [
      'from after to',
      { title: 'Al revés', tables: [['month']], from: '2026-05', to: '2026-04' },
      'body.from',
    ],
    ['a malformed month', { title: 'Mes', tables: [['month']], from: '2026-5' }, 'body.from'],
    [
      'an unknown filter',
      { title: 'Filtro', tables: [['region']], filters: { city: 'x' } },
      'body.filters',
    ],
  ])('%s → 400 naming %s', async (_what, body, path) => {
    const token = await setUp();
    const res = await publish(token, body);
    expect(res.statusCode).toBe(400);
    const paths: string[] = res.json().error.issues.map((i: { path: string }) => i.path);
    expect(
      paths.some((p) => p.startsWith(path)),
      paths.join(),
    ).toBe(true);
    expect(await storedReleases()).toEqual([]);
  });

  it('a correction of an unknown release → 422; an unknown release → 404', async () => {
    const token = await setUp();
    const res = await publish(token, { title: 'Corrige', tables: [['region']], corrects: 'nope' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('unknown_release');
    expect((await t.app.inject({ url: '/api/releases/2026-01-01-00000000' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/releases/2026-01-01-00000000/csv' })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ url: '/api/releases/BAD%20ID' })).statusCode).toBe(400);
  });
});

describe('releases from before snapshots', () => {
  it('are no longer served or listed, and their rows stay unchanged', async () => {
    const t = await buildTestApp();
    try {
      const legacy = {
        id: '2026-01-01-0badc0de',
        orgId: t.orgs.advocacy.id,
        title: 'Antigua (ficticia)',
        publishedDay: '2026-01-01',
        corrects: null,
        document: JSON.stringify({
          id: '2026-01-01-0badc0de',
          title: 'Antigua',
          method: { k: 5 },
          tables: [],
        }),
      };
      t.handle.sqlite
        .prepare(
          'insert into releases (id, org_id, title, published_day, corrects, document) values (@id, @orgId, @title, @publishedDay, @corrects, @document)',
        )
        .run(legacy);
      const one = await t.app.inject({ url: `/api/releases/${legacy.id}` });
      expect(one.statusCode).toBe(404);
      const csv = await t.app.inject({ url: `/api/releases/${legacy.id}/csv` });
      expect(csv.statusCode).toBe(404);
      const list = await t.app.inject({ url: '/api/releases' });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toEqual({ releases: [] });
      const row = t.handle.sqlite
        .prepare('select document from releases where id = ?')
        .get(legacy.id);
      expect(row).toEqual({ document: legacy.document });
    } finally {
      await t.app.close();
    }
  });
});
