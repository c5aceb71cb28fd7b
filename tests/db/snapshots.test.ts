// Snapshots in the database: the privacy accounting measured on what was really published (the
// exact increments of neighbouring databases, with and without one report), refusals, and the
// schedule.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.ts';
import { insertReport } from '../../db/repos/reports-repo.ts';
import { setReportVerified } from '../../db/repos/verification-repo.ts';
import { publishSnapshot, SnapshotRefused } from '../../db/stats/snapshots.ts';
import { PERPETRATOR_CODES, VIOLENCE_CODES } from '../../src/shared/vocabulary.ts';
import { catalogueTable, tableVariance } from '../../src/statistics/catalogue.ts';
import { dueThrough, lastClosedPeriodEnd } from '../../src/statistics/periods.ts';
import type { SnapshotDocument } from '../../src/statistics/snapshot.ts';
import { buildTestApp } from '../helpers/app.ts';
import { validFacts } from '../helpers/reports.ts';
import { seededRandomBelow } from '../helpers/seeded-random.ts';
import { deleteCounted } from '../helpers/withdraw.ts';

const RHO = 1;
const THROUGH = ['2026-03-31', '2026-06-30', '2026-09-30'];

type History = {
  arrive: number;
  verify: number | null;
  withdraw: number | null;
  perpetrators: string[];
  violence: string[];
};

const handles: DbHandle[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
});

function insert(h: DbHandle, id: string, r: History, period: number): void {
  const day = THROUGH[period] as string;
  const submission = {
    id,
    facts: validFacts({
      incidentMonth: day.slice(0, 7),
      perpetrators: r.perpetrators as never,
      violence: r.violence as never,
    }),
    sealed: [],
  };
  h.sqlite.transaction(() =>
    insertReport(h.db, {
      submission: submission as never,
      bodyHash: id,
      receivedDay: day,
      boxes: [],
    } as never),
  )();
}

/** Runs the histories through three snapshots; returns the noisy sums after each, by cell. */
function run(
  histories: History[],
  seed: string,
): {
  bases: Array<Map<string, number>>;
  docs: SnapshotDocument[];
} {
  const h = createDb(':memory:');
  handles.push(h);
  const bases: Array<Map<string, number>> = [];
  const docs: SnapshotDocument[] = [];
  for (let p = 0; p < THROUGH.length; p++) {
    histories.forEach((r, i) => {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      if (r.arrive === p) insert(h, id, r, p);
      if (r.verify === p) setReportVerified(h.db, id, true);
      if (r.withdraw === p) deleteCounted(h.db, id);
    });
    docs.push(
      publishSnapshot(h.sqlite, {
        through: THROUGH[p] as string,
        today: THROUGH[p] as string,
        period: 'quarter',
        rho: RHO,
        rand: seededRandomBelow(`${seed}-${p}`),
        synthetic: true,
      }),
    );
    const rows = h.sqlite
      .prepare('select scope, tbl, cell, noisy from stat_public_cells')
      .all() as Array<{ scope: string; tbl: string; cell: string; noisy: number }>;
    bases.push(new Map(rows.map((r) => [`${r.scope}/${r.tbl}/${r.cell}`, r.noisy])));
  }
  return { bases, docs };
}

/** ρ that report `j` really spent: its effect on every published increment, weighed by the noise. */
function spentBy(histories: History[], j: number): number {
  // The same seed on both sides: noise is drawn cell by cell in a fixed order that does not
  // depend on the data, so the two runs get the same noise and their difference is exactly
  // what the report changed in the published sums.
  const withIt = run(histories, 'same');
  const without = run(
    histories.filter((_, i) => i !== j),
    'same',
  );
  let rho = 0;
  for (let p = 0; p < THROUGH.length; p++) {
    const cells = new Set([
      ...(withIt.bases[p]?.keys() ?? []),
      ...(without.bases[p]?.keys() ?? []),
    ]);
    for (const key of cells) {
      const inc = (b: Array<Map<string, number>>): number =>
        (b[p]?.get(key) ?? 0) - (p > 0 ? (b[p - 1]?.get(key) ?? 0) : 0);
      const d = inc(withIt.bases) - inc(without.bases);
      const table = catalogueTable(key.split('/')[1] ?? '');
      if (!table) throw new Error(`unknown table in ${key}`);
      rho += (d * d) / (2 * tableVariance(table, RHO));
    }
  }
  return rho;
}

const historyArb: fc.Arbitrary<History> = fc
  .record({
    arrive: fc.integer({ min: 0, max: 2 }),
    verifyAfter: fc.option(fc.integer({ min: 0, max: 2 })),
    withdrawAfter: fc.option(fc.integer({ min: 0, max: 2 })),
    perpetrators: fc.uniqueArray(fc.constantFrom(...PERPETRATOR_CODES), {
      minLength: 1,
      maxLength: 5,
    }),
    violence: fc.uniqueArray(fc.constantFrom(...VIOLENCE_CODES), { minLength: 1, maxLength: 5 }),
  })
  .map((r) => {
    const verify = r.verifyAfter === null ? null : Math.min(2, r.arrive + r.verifyAfter);
    const withdraw =
      r.withdrawAfter === null
        ? null
        : Math.min(2, Math.max(verify ?? r.arrive, r.arrive + r.withdrawAfter));
    return {
      arrive: r.arrive,
      verify,
      withdraw,
      perpetrators: r.perpetrators,
      violence: r.violence,
    };
  });

describe('privacy accounting on what was really published', () => {
  it('no report ever spends more than ρ, whatever happens to it and around it', () => {
    fc.assert(
      fc.property(
        fc.array(historyArb, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (histories, pick) => {
          const j = pick % histories.length;
          const rho = spentBy(histories, j);
          expect(rho).toBeLessThanOrEqual(RHO + 1e-9);
          // It spent something if any snapshot saw it: the accounting is not vacuous.
          const r = histories[j] as History;
          if (r.withdraw !== r.arrive) expect(rho).toBeGreaterThan(0);
          else expect(rho).toBe(0);
        },
      ),
      { numRuns: 8, seed: 20261202 },
    );
    // About 4 s on an idle core; a loaded machine (helpers, CI) took over 30 s.
  }, 180_000);

  it('the worst history (three and three values, verified later, withdrawn later) spends exactly ρ', () => {
    const worst: History = {
      arrive: 0,
      verify: 1,
      withdraw: 2,
      perpetrators: ['police', 'serenazgo', 'military', 'client'],
      violence: ['rape', 'sexual_assault', 'physical', 'threats'],
    };
    expect(spentBy([worst], 0)).toBeCloseTo(RHO, 6);
    // A report that is counted in two snapshots without change spends nothing the second time.
    const quiet: History = { ...worst, verify: null, withdraw: null };
    expect(spentBy([quiet], 0)).toBeCloseTo(RHO / 4, 6);
  });
});

describe('publishing', () => {
  function fresh(): DbHandle {
    const h = createDb(':memory:');
    handles.push(h);
    return h;
  }
  const opts = (through: string, rho = RHO) => ({
    through,
    today: '2026-10-07',
    period: 'quarter',
    rho,
    rand: seededRandomBelow(through),
    synthetic: false,
  });

  it('refuses a day after today, and a day not after the last snapshot', () => {
    const h = fresh();
    expect(() => publishSnapshot(h.sqlite, opts('2026-10-08'))).toThrow(SnapshotRefused);
    publishSnapshot(h.sqlite, opts('2026-09-30'));
    expect(() => publishSnapshot(h.sqlite, opts('2026-09-30'))).toThrow(/already published/);
    expect(() => publishSnapshot(h.sqlite, opts('2026-09-01'))).toThrow(SnapshotRefused);
    expect(h.sqlite.prepare('select count(*) as n from stat_snapshots').get()).toEqual({ n: 1 });
  });

  it('refuses a smaller ρ than earlier snapshots used, which would overspend their reports', () => {
    const h = fresh();
    publishSnapshot(h.sqlite, opts('2026-06-30', 1));
    expect(() => publishSnapshot(h.sqlite, opts('2026-09-30', 0.5))).toThrow(/over the budget/);
    publishSnapshot(h.sqlite, opts('2026-09-30', 2));
  });

  it('stores the document it returns, and the month axis only grows', () => {
    const h = fresh();
    const first = publishSnapshot(h.sqlite, opts('2026-06-30'));
    const second = publishSnapshot(h.sqlite, opts('2026-09-30'));
    expect(second.snapshot.months.from).toBe(first.snapshot.months.from);
    expect(second.snapshot.months.to).toBe('2026-09');
    const stored = h.sqlite.prepare('select document from stat_snapshots where id = 2').get() as {
      document: string;
    };
    expect(JSON.parse(stored.document)).toEqual(second);
  });
});

describe('the schedule', () => {
  it('waits for the delay after a period closes', () => {
    expect(lastClosedPeriodEnd('2026-09-30', 'quarter')).toBe('2026-09-30');
    expect(lastClosedPeriodEnd('2026-09-29', 'quarter')).toBe('2026-06-30');
    expect(dueThrough('2026-10-07', 'quarter', 7)).toBe('2026-09-30');
    expect(dueThrough('2026-10-06', 'quarter', 7)).toBe('2026-06-30');
    expect(dueThrough('2026-12-08', 'month', 7)).toBe('2026-11-30');
    expect(dueThrough('2026-12-07', 'month', 7)).toBe('2026-11-30');
    expect(dueThrough('2026-12-06', 'month', 7)).toBe('2026-10-31');
    expect(dueThrough('2027-01-01', 'month', 0)).toBe('2026-12-31');
  });

  it('a server with the schedule on publishes the due snapshot at start, once', async () => {
    const clock = (): Date => new Date('2026-10-08T10:00:00Z');
    const t = await buildTestApp({ clock, config: { scheduleSnapshots: true } });
    try {
      const res = await t.app.inject({ url: '/api/stats?by=region' });
      expect(res.statusCode).toBe(200);
      expect(res.json().snapshot.through).toBe('2026-09-30');
    } finally {
      await t.app.close();
    }
  });
});

describe('a published snapshot', () => {
  it('cannot be changed or deleted in the database', () => {
    const h = createDb(':memory:');
    handles.push(h);
    publishSnapshot(h.sqlite, {
      through: '2026-09-30',
      today: '2026-10-07',
      period: 'quarter',
      rho: RHO,
      rand: seededRandomBelow('immutable'),
      synthetic: false,
    });
    expect(() =>
      h.sqlite.prepare("update stat_snapshots set document = '{}' where id = 1").run(),
    ).toThrow(/cannot be changed/);
    expect(() => h.sqlite.prepare('delete from stat_snapshots').run()).toThrow(/cannot be deleted/);
  });
});
