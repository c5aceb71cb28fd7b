// The in-memory engine behind the staff statistics (db/stats/fact-index.ts) must answer every
// query exactly as counting the report rows with SQL does (countFromReports, the reference),
// while reports arrive, are verified, unverified and withdrawn after it has loaded.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.ts';
import { insertOrganisation } from '../../db/repos/organisations-repo.ts';
import { storeReport } from '../../db/repos/reports-repo.ts';
import { setReportVerified } from '../../db/repos/verification-repo.ts';
import { FactIndex } from '../../db/stats/fact-index.ts';
import { type CountQuery, type CountResult, countFromReports } from '../../db/stats/stats-repo.ts';
import type { Facts } from '../../src/contract/schemas.ts';
import {
  AGE_BAND_CODES,
  CHANNEL_CODES,
  IDENTITY_CODES,
  NATIONALITY_CODES,
  PERPETRATOR_CODES,
  REPORTED_CODES,
  SETTING_CODES,
} from '../../src/shared/vocabulary.ts';
import { DIMENSIONS } from '../../src/statistics/tables.ts';
import { deleteCounted } from '../helpers/withdraw.ts';

const ORGS = ['org-a', 'org-b', 'org-c'] as const;
const MONTHS = ['2024-11', '2024-12', '2025-01', '2025-06', '2026-01'];
const REGIONS = ['1501', '15', '16', '25'] as const;
const PERPETRATORS = PERPETRATOR_CODES.slice(0, 4);
const VIOLENCE = ['rape', 'physical', 'threats', 'robbery', 'other'] as const;

let handle: DbHandle | undefined;
afterEach(() => {
  handle?.close();
  handle = undefined;
});

function setUp(): DbHandle {
  const h = createDb(':memory:');
  for (const id of ORGS) {
    insertOrganisation(h.db, {
      id,
      name: `${id} (ficticia)`,
      role: 'advocacy',
      publicKey: Buffer.alloc(32),
      synthetic: true,
      createdDay: '2026-01-01',
    });
  }
  return h;
}

const reportArb = fc.record({
  incidentMonth: fc.constantFrom(...MONTHS),
  region: fc.constantFrom(...REGIONS),
  perpetrators: fc.subarray([...PERPETRATORS], { minLength: 1 }),
  violence: fc.subarray([...VIOLENCE], { minLength: 1 }),
  identity: fc.constantFrom(...IDENTITY_CODES.slice(0, 3)),
  ageBand: fc.constantFrom(...AGE_BAND_CODES.slice(0, 2)),
  nationality: fc.constantFrom(...NATIONALITY_CODES.slice(0, 2)),
  setting: fc.constantFrom(...SETTING_CODES.slice(0, 2)),
  reportedToAuthority: fc.constantFrom(...REPORTED_CODES),
  channel: fc.constantFrom(...CHANNEL_CODES),
  // Some reports reach no organisation in the list, some several.
  orgs: fc.subarray([...ORGS]),
});

/** Present about one time in four, so that most queries still find reports. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const queryArb: fc.Arbitrary<CountQuery> = fc
  .record({
    by: fc.subarray([...DIMENSIONS], { minLength: 1, maxLength: 3 }),
    from: sometimes(fc.constantFrom(...MONTHS)),
    to: sometimes(fc.constantFrom(...MONTHS)),
    region: sometimes(fc.constantFrom(...REGIONS)),
    perpetrator: sometimes(fc.constantFrom(...PERPETRATORS)),
    violence: sometimes(fc.constantFrom(...VIOLENCE)),
    verified: sometimes(fc.constant('true' as const)),
    // Staff always ask about one organisation; one that no report reached, and none, included.
    orgId: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...ORGS) },
      { weight: 1, arbitrary: fc.constant('org-none') },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
  })
  .map(
    (q) =>
      Object.fromEntries(
        Object.entries(q).filter(([, v]) => v !== undefined),
      ) as unknown as CountQuery,
  )
  .filter((q) => !q.from || !q.to || q.from <= q.to);

type ReportSpec = typeof reportArb extends fc.Arbitrary<infer T> ? T : never;
type Step =
  | { kind: 'add'; report: ReportSpec }
  | { kind: 'verify'; pick: number; verified: boolean }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'query'; query: CountQuery };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: reportArb.map((report) => ({ kind: 'add' as const, report })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('verify' as const),
      pick: fc.nat(),
      verified: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: queryArb.map((query) => ({ kind: 'query' as const, query })) },
);

/** A result in a form that compares whole: total, span, and the cells in a fixed order. */
function comparable(r: CountResult): {
  total: number;
  months: CountResult['months'];
  cells: string[];
} {
  return {
    total: r.total,
    months: r.months,
    cells: r.counts.map((c) => `${c.key.join('/')}=${c.count}`).sort(),
  };
}

function store(h: DbHandle, id: string, r: ReportSpec): void {
  const { orgs, ...facts } = r;
  storeReport(
    h.db,
    { id, facts: { ...facts, violence: [...facts.violence] } as Facts, sealed: [] },
    orgs.map((recipientId) => ({ recipientId, box: Buffer.alloc(1) })),
    `hash-${id}`,
    '2026-01-01',
  );
}

/** One report for the hand-written cases: everything fixed but what they vary. */
function report(over: Partial<ReportSpec> = {}): ReportSpec {
  return {
    incidentMonth: '2025-06',
    region: '16',
    perpetrators: ['police'],
    violence: ['physical'],
    identity: IDENTITY_CODES[0],
    ageBand: AGE_BAND_CODES[0],
    nationality: NATIONALITY_CODES[0],
    setting: SETTING_CODES[0],
    reportedToAuthority: REPORTED_CODES[0],
    channel: CHANNEL_CODES[0],
    orgs: ['org-a'],
    ...over,
  };
}

describe('the exact statistics engine', () => {
  it('answers every query as countFromReports does, through arrivals, verifications and withdrawals', () => {
    let compared = 0;
    let nonEmpty = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 10, maxLength: 40 }), (steps) => {
        handle?.close();
        const h = setUp();
        handle = h;
        // Loaded on the empty database, so everything after is caught up incrementally.
        const engine = new FactIndex(h.sqlite);
        engine.catchUp();
        const live: string[] = [];
        let next = 0;
        for (const step of steps) {
          if (step.kind === 'add') {
            const id = `00000000-0000-4000-8000-${String(next++).padStart(12, '0')}`;
            store(h, id, step.report);
            live.push(id);
          } else if (step.kind === 'verify' && live.length) {
            setReportVerified(h.db, live[step.pick % live.length] as string, step.verified);
          } else if (step.kind === 'withdraw' && live.length) {
            // Often the newest report, whose rowid the next report then takes again.
            const at = step.pick % 2 === 0 ? live.length - 1 : step.pick % live.length;
            expect(deleteCounted(h.db, live[at] as string)).toBe(true);
            live.splice(at, 1);
          } else if (step.kind === 'query') {
            const expected = comparable(countFromReports(h.db, step.query));
            expect(comparable(engine.count(step.query))).toEqual(expected);
            // A copy loaded from scratch now agrees too.
            expect(comparable(new FactIndex(h.sqlite).count(step.query))).toEqual(expected);
            compared++;
            if (expected.cells.length) nonEmpty++;
          }
        }
      }),
      { numRuns: 150, seed: 20_261 },
    );
    // The comparisons must have had real work to do.
    expect(compared).toBeGreaterThan(500);
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('sees a withdrawal and a verification made after it loaded in its next answer', () => {
    const h = setUp();
    handle = h;
    const ids = [0, 1, 2].map((i) => `00000000-0000-4000-8000-00000000000${i}`);
    for (const id of ids) store(h, id, report());
    const engine = new FactIndex(h.sqlite);
    const all: CountQuery = { by: ['region'], orgId: 'org-a' };
    const verified: CountQuery = { ...all, verified: 'true' };
    expect(engine.count(all).total).toBe(3);
    expect(engine.count(verified).total).toBe(0);

    expect(setReportVerified(h.db, ids[0] as string, true)).toBe(true);
    expect(deleteCounted(h.db, ids[1] as string)).toBe(true);
    expect(comparable(engine.count(verified))).toEqual(
      comparable({
        counts: [{ key: ['16'], count: 1 }],
        total: 1,
        months: { from: '2025-06', to: '2025-06' },
      }),
    );
    expect(engine.count(all).total).toBe(2);

    // The newest report withdrawn, and a new one stored under the rowid it freed.
    expect(deleteCounted(h.db, ids[2] as string)).toBe(true);
    store(h, '00000000-0000-4000-8000-000000000009', report({ region: '25', orgs: ['org-b'] }));
    expect(engine.count(all).total).toBe(1);
    expect(comparable(engine.count({ by: ['region'], orgId: 'org-b' }))).toEqual(
      comparable(countFromReports(h.db, { by: ['region'], orgId: 'org-b' })),
    );
    expect(engine.count({ by: ['region'], orgId: 'org-b' }).total).toBe(1);
  });

  it('counts a report stored under the rowid of one withdrawn before the newest', () => {
    const h = setUp();
    handle = h;
    const id = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;
    for (const i of [1, 2, 3]) store(h, id(i), report());
    const engine = new FactIndex(h.sqlite);
    const q: CountQuery = { by: ['region'], orgId: 'org-a' };
    expect(deleteCounted(h.db, id(2))).toBe(true);
    expect(engine.count(q).total).toBe(2);
    // Rowids 1 and 3 remain. With 3 withdrawn, the next report takes rowid 2, which the engine
    // saw withdrawn already, and the one after takes 3 again.
    expect(deleteCounted(h.db, id(3))).toBe(true);
    store(h, id(4), report({ region: '25' }));
    store(h, id(5), report({ region: '1501' }));
    expect(comparable(engine.count(q))).toEqual(comparable(countFromReports(h.db, q)));
    expect(engine.count(q).total).toBe(3);
  });

  it('starts again from the rows when change-log entries it never read were pruned', () => {
    const h = setUp();
    handle = h;
    store(h, '00000000-0000-4000-8000-000000000001', report());
    store(h, '00000000-0000-4000-8000-000000000002', report({ region: '25' }));
    const engine = new FactIndex(h.sqlite);
    const q: CountQuery = { by: ['region'], orgId: 'org-a' };
    expect(engine.count(q).total).toBe(2);
    expect(setReportVerified(h.db, '00000000-0000-4000-8000-000000000001', true)).toBe(true);
    expect(deleteCounted(h.db, '00000000-0000-4000-8000-000000000002')).toBe(true);
    h.sqlite.exec('delete from report_changes');
    expect(comparable(engine.count({ ...q, verified: 'true' }))).toEqual(
      comparable(countFromReports(h.db, { ...q, verified: 'true' })),
    );
    expect(engine.count(q).total).toBe(1);
  });
});
