// The hand-written checks of replies stand in for zod where zod would weigh too much (the error
// envelope on every page, the receipt on the form's first screen, the dashboard's and the release
// page's replies). Each must pass exactly what its route's schema passes: a valid reply, and that
// reply with each value replaced by one of another type, each key removed and a key added.
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import {
  type Release,
  type ReleaseList,
  ReleaseListSchema,
  ReleaseSchema,
} from '../../src/contract/releases.ts';
import {
  type ErrorBody,
  ErrorSchema,
  type ReportReceipt,
  ReportReceiptSchema,
} from '../../src/contract/schemas.ts';
import { type PublicStats, PublicStatsSchema } from '../../src/statistics/public-query.ts';
import { checkedBy, errorOf, type ReplyCheck } from '../../web/src/lib/api-client.ts';
import { RECEIPT } from '../../web/src/pages/form/send.ts';
import { PUBLIC_STATS, RELEASE, RELEASE_LIST } from '../../web/src/pages/stats/replies.ts';

type Path = Array<string | number>;

// Values of every JSON type, and numbers that one schema or another refuses (negative, not whole).
const OTHERS: unknown[] = [
  null,
  true,
  'x',
  '',
  7,
  0,
  -1,
  0.5,
  [],
  ['x'],
  [1],
  [1, 2],
  {},
  { a: 'x' },
];

function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], value);
}

function withChange(
  value: unknown,
  path: Path,
  change: (parent: unknown, key: string | number) => void,
): unknown {
  const copy = structuredClone(value);
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  if (key === undefined) return copy;
  change(at(copy, parentPath), key);
  return copy;
}

/** Every path to a value in `value` (the root is []). */
function paths(value: unknown, prefix: Path = []): Path[] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }
  return here;
}

/** The sample, and the sample changed in every way listed above. */
function variants(sample: unknown): Array<{ how: string; value: unknown }> {
  const out = [{ how: 'as it is', value: sample }];
  for (const other of OTHERS)
    out.push({ how: `all of it = ${JSON.stringify(other)}`, value: other });
  for (const path of paths(sample)) {
    const name = path.join('.');
    const target = at(sample, path);
    if (path.length > 0) {
      for (const other of OTHERS) {
        out.push({
          how: `${name} = ${JSON.stringify(other)}`,
          value: withChange(sample, path, (parent, key) => {
            (parent as Record<string | number, unknown>)[key] = structuredClone(other);
          }),
        });
      }
      out.push({
        how: `without ${name}`,
        value: withChange(sample, path, (parent, key) => {
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete (parent as Record<string, unknown>)[String(key)];
        }),
      });
    }
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      for (const extra of ['x', 3, [4], {}, null]) {
        const changed = structuredClone(sample);
        (at(changed, path) as Record<string, unknown>).extra = extra;
        out.push({
          how: `${name || 'root'} with extra = ${JSON.stringify(extra)}`,
          value: changed,
        });
      }
    }
  }
  return out;
}

function disagreements<T>(schema: z.ZodType<T>, check: ReplyCheck<T>, sample: T): string[] {
  expect(schema.safeParse(sample).success, 'the sample itself is valid').toBe(true);
  return variants(sample).flatMap(({ how, value }) => {
    const zod = schema.safeParse(value).success;
    const hand = check.safeParse(value).success;
    return zod === hand ? [] : [`${how}: zod ${zod}, by hand ${hand}`];
  });
}

const SNAPSHOT = { id: 3, through: '2026-09-30', publishedDay: '2026-10-05', period: '2026-Q3' };

const STATS: PublicStats = {
  snapshot: SNAPSHOT,
  by: ['region', 'month'],
  filters: { perpetrator: 'police' },
  noise: { mechanism: 'discrete Gaussian', rhoPerReport: 0.25, intervalLevel: 0.9, note: 'n' },
  total: 40,
  totalInterval: [31, 49],
  synthetic: true,
  cells: [
    { region: '1501', month: '2026-01', count: 25, interval: [20, 30] },
    { region: '16', count: 0, interval: [0, 4], band: [0, 10] },
  ],
};

const SUMMARY = {
  id: '2026-10-07-police',
  title: 'Police violence, third quarter',
  organisation: { id: 'org-1', name: 'Miluska' },
  publishedDay: '2026-10-07',
  corrects: null,
  correctedBy: ['2026-10-09-police'],
};

const RELEASE_SAMPLE: Release = {
  ...SUMMARY,
  snapshot: SNAPSHOT,
  method: {
    period: { from: '2026-01', to: null },
    filters: { region: '1501' },
    noise: { mechanism: 'm', rhoPerReport: 0.25, intervalLevel: 0.9, sigma: { region: 2.5 } },
    countingRules: ['One report counts once.'],
    synthetic: false,
  },
  tables: [STATS],
};

const LIST: ReleaseList = { releases: [SUMMARY, { ...SUMMARY, corrects: SUMMARY.id }] };

const ERROR_SAMPLES: ErrorBody[] = [
  { error: { code: 'not_found', message: 'No such report' } },
  { error: { code: 'invalid_request', message: 'Bad', issues: [{ path: 'a.b', message: 'x' }] } },
];

const RECEIPT_SAMPLE: ReportReceipt = {
  id: '0d8e9c1e-5c6e-4a8e-9b7a-3f2a1b0c9d8e',
  status: 'received',
};

describe('the hand-written checks pass what the contract passes, and only that', () => {
  it('GET /api/stats (the dashboard)', () => {
    expect(disagreements(PublicStatsSchema, PUBLIC_STATS, STATS)).toEqual([]);
  });

  it('GET /api/releases/:id (the release page, and the dashboard after publishing)', () => {
    expect(disagreements(ReleaseSchema, RELEASE, RELEASE_SAMPLE)).toEqual([]);
  });

  it('GET /api/releases (the dashboard’s list)', () => {
    expect(disagreements(ReleaseListSchema, RELEASE_LIST, LIST)).toEqual([]);
  });

  it('POST /api/reports (the form’s receipt)', () => {
    expect(disagreements(ReportReceiptSchema, RECEIPT, RECEIPT_SAMPLE)).toEqual([]);
  });

  it.each(ERROR_SAMPLES)('the error envelope of every refusal: %j', (sample) => {
    const envelope = checkedBy((v): v is ErrorBody => errorOf(v) !== null);
    expect(disagreements(ErrorSchema, envelope, sample)).toEqual([]);
  });

  it('reads the error the envelope carries', () => {
    for (const sample of ERROR_SAMPLES) expect(errorOf(sample)).toEqual(sample.error);
  });
});
