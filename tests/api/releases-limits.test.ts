// What a release can hold and who may publish one: a token holder, tables of the public catalogue
// from a snapshot that exists, a period only where a table has months, no ε of its own. Bad
// requests name their field and store nothing; releases from before snapshots are not served.
import { describe, expect, it } from 'vitest';
import type { Release } from '../../src/contract/releases.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { monthsOfYear } from '../helpers/months.ts';
import { releaseSetUp } from '../helpers/release-setup.ts';

let t: TestApp;
const { setUp, publish, publicAnswer, storedReleases } = releaseSetUp((app) => {
  t = app;
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
    expect(release.tables[0]?.cells.map((c) => c.month)).toEqual(monthsOfYear(2026, 1, 6));
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
