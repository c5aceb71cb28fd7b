// Publishing releases: a release freezes chosen tables of the newest public snapshot, exactly as
// GET /api/stats answers them, with its method; it is citable, downloadable as CSV, listed,
// corrected only by a new release of the same organisation, and never changed in the database.
import { describe, expect, it, vi } from 'vitest';
import { issueReleaseToken } from '../../api/services/public/release-token.ts';
import type { Release } from '../../src/contract/releases.ts';
import type { PublicStats } from '../../src/statistics/public-query.ts';
import { COUNTING_RULES, NOISE_MECHANISM_TEXT } from '../../src/statistics/release-texts.ts';
import type { TestApp } from '../helpers/app.ts';
import { DAY, NEXT_DAY, releaseSetUp } from '../helpers/release-setup.ts';

let t: TestApp;
const { setUp, now, publish, publicAnswer, storedReleases, laterSnapshot } = releaseSetUp((app) => {
  t = app;
});

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
    const otherToken = issueReleaseToken(t.app.sodium, t.handle.db, t.orgs.legal.id, now());
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
