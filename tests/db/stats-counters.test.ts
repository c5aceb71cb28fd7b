// The counter tables must give exactly what counting the report rows gives, for any query they
// answer, after inserts and verification changes, and a rebuild must give the same counters.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.ts';
import { insertOrganisation } from '../../db/organisations-repo.ts';
import { storeReport } from '../../db/reports-repo.ts';
import { countFromCounters } from '../../db/stats-counters-read.ts';
import { rebuildCounters } from '../../db/stats-counters-write.ts';
import { type CountQuery, countFromReports } from '../../db/stats-repo.ts';
import { setReportVerified } from '../../db/verification-repo.ts';
import { DIMENSIONS, type Dimension } from '../../src/stats.ts';
import { PERPETRATOR_CODES, VIOLENCE_CODES } from '../../src/vocabulary.ts';
import { validFacts } from '../helpers/reports.ts';

let handle: DbHandle;
afterEach(() => handle?.close());

const MONTHS = ['2024-11', '2024-12', '2025-01', '2025-06', '2025-12', '2026-01', '2026-02'];

const reportArb = fc.record({
  incidentMonth: fc.constantFrom(...MONTHS),
  region: fc.constantFrom('1501', '15', '16', '25'),
  perpetrators: fc.subarray([...PERPETRATOR_CODES.slice(0, 4)], { minLength: 1 }),
  violence: fc.subarray(['rape', 'physical', 'threats', 'robbery'] as const, { minLength: 1 }),
  identity: fc.constantFrom('woman', 'trans_woman', 'man'),
  verified: fc.boolean(),
});

const filterArb = fc.option(
  fc.oneof(
    fc.record({ region: fc.constantFrom('1501', '16') }),
    fc.record({ perpetrator: fc.constantFrom(...PERPETRATOR_CODES.slice(0, 3)) }),
    fc.record({ violence: fc.constantFrom(...VIOLENCE_CODES.slice(0, 5)) }),
  ),
  { nil: {} },
);

const queryArb = fc
  .tuple(
    fc.subarray([...DIMENSIONS], { minLength: 1, maxLength: 2 }),
    filterArb,
    fc.record(
      {
        from: fc.constantFrom(...MONTHS),
        to: fc.constantFrom(...MONTHS),
        verified: fc.constant('true' as const),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([by, filter, rest]) => ({ by, ...filter, ...rest }));

function setUp(): DbHandle {
  const h = createDb(':memory:');
  insertOrganisation(h.db, {
    id: 'org',
    name: 'org (ficticia)',
    role: 'advocacy',
    publicKey: Buffer.alloc(32),
    synthetic: true,
    createdDay: '2026-01-01',
  });
  return h;
}

const sorted = (r: { counts: ReadonlyArray<{ key: readonly string[]; count: number }> }) =>
  r.counts.map((c) => `${c.key.join('/')}=${c.count}`).sort();

describe('stat_counters', () => {
  it('answers every query it takes exactly as counting the reports does', () => {
    let answered = 0;
    let nonEmpty = 0;
    fc.assert(
      fc.property(
        fc.array(reportArb, { minLength: 0, maxLength: 25 }),
        fc.array(queryArb, { minLength: 1, maxLength: 10 }),
        (reports, queries) => {
          handle = setUp();
          reports.forEach((r, i) => {
            const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
            const facts = validFacts({
              incidentMonth: r.incidentMonth,
              region: r.region as never,
              perpetrators: r.perpetrators,
              violence: [...r.violence],
              identity: r.identity as never,
            });
            storeReport(
              handle.db,
              { id, facts, sealed: [] },
              [{ recipientId: 'org', box: Buffer.alloc(1) }],
              `h${i}`,
              '2026-01-01',
            );
            if (r.verified) setReportVerified(handle.db, id, true);
          });
          // Unverify one again, so that removal from the counters is exercised.
          const firstVerified = reports.findIndex((r) => r.verified);
          if (firstVerified >= 0)
            setReportVerified(
              handle.db,
              `00000000-0000-4000-8000-${String(firstVerified).padStart(12, '0')}`,
              false,
            );
          for (const query of queries) {
            const q = { ...query, by: query.by as Dimension[] } as CountQuery;
            if (q.from && q.to && q.from > q.to) continue;
            const fromCounters = countFromCounters(handle.sqlite, q);
            if (!fromCounters) continue;
            answered++;
            const fromRows = countFromReports(handle.db, q);
            if (fromRows.counts.length) nonEmpty++;
            expect(fromCounters.total).toBe(fromRows.total);
            expect(fromCounters.months).toEqual(fromRows.months);
            expect(sorted(fromCounters)).toEqual(sorted(fromRows));
          }
          const before = handle.sqlite
            .prepare('select * from stat_counters where n != 0 order by 1, 2, 3, 4, 5')
            .all();
          rebuildCounters(handle.sqlite);
          const after = handle.sqlite
            .prepare('select * from stat_counters where n != 0 order by 1, 2, 3, 4, 5')
            .all();
          expect(after).toEqual(before);
          handle.close();
        },
      ),
      { numRuns: 60, seed: 4 },
    );
    // The comparison must have had real work to do.
    expect(answered).toBeGreaterThan(100);
    expect(nonEmpty).toBeGreaterThan(50);
  });

  it('counts a batch of reports with identical facts once per report', () => {
    handle = setUp();
    const same = validFacts({ region: '16', perpetrators: ['police', 'client'] });
    const other = validFacts({ region: '1501', violence: ['rape', 'threats'] });
    const store = (i: number, facts: typeof same) =>
      storeReport(
        handle.db,
        { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, facts, sealed: [] },
        [{ recipientId: 'org', box: Buffer.alloc(1) }],
        `h${i}`,
        '2026-01-01',
      );
    for (let i = 0; i < 6; i++) store(i, i === 3 ? other : same);
    // The first read catches up all six in one batch, five of them with the same facts.
    const byRegion = countFromCounters(handle.sqlite, { by: ['region', 'perpetrator'] });
    expect(byRegion?.total).toBe(6);
    expect(sorted(byRegion ?? { counts: [] })).toEqual(
      sorted(countFromReports(handle.db, { by: ['region', 'perpetrator'] })),
    );
    expect(sorted(byRegion ?? { counts: [] })).toContain('16/police=5');
    const before = handle.sqlite
      .prepare('select * from stat_counters where n != 0 order by 1, 2, 3, 4, 5')
      .all();
    rebuildCounters(handle.sqlite);
    expect(
      handle.sqlite
        .prepare('select * from stat_counters where n != 0 order by 1, 2, 3, 4, 5')
        .all(),
    ).toEqual(before);
  });

  it('counts an uncounted report that is already verified in both scopes', () => {
    // The service verifies only counted reports, but rows written by a tool or restored from a
    // backup may be verified before they are counted.
    handle = setUp();
    const facts = validFacts({ region: '16', perpetrators: ['police'] });
    for (const i of [1, 2]) {
      storeReport(
        handle.db,
        { id: `00000000-0000-4000-8000-00000000000${i}`, facts, sealed: [] },
        [{ recipientId: 'org', box: Buffer.alloc(1) }],
        `h${i}`,
        '2026-01-01',
      );
    }
    handle.sqlite
      .prepare('update reports set verified = 1 where id = ?')
      .run('00000000-0000-4000-8000-000000000002');
    const verified = countFromCounters(handle.sqlite, { by: ['region'], verified: 'true' });
    expect(verified?.total).toBe(1);
    expect(sorted(verified ?? { counts: [] })).toEqual(['16=1']);
    expect(countFromCounters(handle.sqlite, { by: ['region'] })?.total).toBe(2);
  });

  it('refuses queries that need three facts at once, so the rows answer them', () => {
    handle = setUp();
    expect(
      countFromCounters(handle.sqlite, { by: ['region', 'perpetrator'], violence: 'rape' }),
    ).toBeNull();
    expect(countFromCounters(handle.sqlite, { by: ['region'], region: '16' })).toBeNull();
    expect(
      countFromCounters(handle.sqlite, { by: ['month', 'region'], perpetrator: 'police' }),
    ).not.toBeNull();
  });
});
