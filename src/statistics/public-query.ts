// Answers a public statistics query from a published snapshot: a table of the catalogue, a slice
// of it (a filter on one of its own facts), or a sum of its month cells (a period range). Adding
// published cells is post-processing, so no answer costs privacy, and no answer reads a report.
import * as z from 'zod';
import { monthIndex, monthsBetween } from '../shared/months.ts';
import {
  CATALOGUE,
  type CatalogueTable,
  type PublicDimension,
  type Scope,
  tableCells,
} from './catalogue.ts';
import type { SnapshotDocument } from './snapshot.ts';
import type { StatsQuery } from './tables.ts';

/** z for a two-sided 90% interval. */
export const INTERVAL_Z = 1.6449;
export const INTERVAL_LEVEL = 0.9;

export const PublicCellSchema = z
  .object({
    count: z.number().int().min(0),
    interval: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  })
  .catchall(z.union([z.string(), z.number(), z.array(z.number())]));

export const PublicStatsSchema = z.object({
  snapshot: z.object({
    id: z.number().int(),
    through: z.string(),
    publishedDay: z.string(),
    period: z.string(),
  }),
  by: z.array(z.string()),
  filters: z.record(z.string(), z.string()),
  noise: z.object({
    mechanism: z.string(),
    rhoPerReport: z.number(),
    intervalLevel: z.number(),
    note: z.string(),
  }),
  total: z.number().int().min(0),
  totalInterval: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  synthetic: z.literal(true).optional(),
  cells: z.array(PublicCellSchema),
});
export type PublicStats = z.infer<typeof PublicStatsSchema>;

export const NOISE_NOTE =
  'Every figure carries random noise so that no report can be singled out; the interval holds the figure without noise about 9 times in 10.';

export class NotInCatalogue extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** What a reader can ask, in words, for the 400 answer. */
export function catalogueDescription(): string {
  const tables = CATALOGUE.filter((t) => t.by.length > 0)
    .map((t) => t.by.join('+'))
    .join(', ');
  return `Available tables: ${tables}. A query may group by a table's facts, filter on its other facts (region, perpetrator, violence), and limit the months with from/to when the table has month; verified=true uses the verified-only tables.`;
}

const FILTERS = ['region', 'perpetrator', 'violence'] as const;

function findTable(dims: ReadonlySet<PublicDimension>): CatalogueTable | undefined {
  return CATALOGUE.find((t) => t.by.length === dims.size && t.by.every((d) => dims.has(d)));
}

function interval(count: number, variance: number): [number, number] {
  const half = INTERVAL_Z * Math.sqrt(variance);
  return [Math.max(0, Math.floor(count - half)), Math.ceil(count + half)];
}

const isMulti = (d: PublicDimension): boolean => d === 'perpetrator' || d === 'violence';

type Selected = { codes: Record<string, string>; count: number; variance: number };

/**
 * Picks the cells of table `t` that pass the filters, grouped by `by` (summing the month cells
 * of a period range). Each row of the result has its codes, count and variance.
 */
function select(
  doc: SnapshotDocument,
  scope: Scope,
  t: CatalogueTable,
  by: readonly PublicDimension[],
  fixed: ReadonlyMap<PublicDimension, string>,
  range: { from: number; to: number } | null,
  months: readonly string[],
): Selected[] {
  const published = doc.scopes[scope][t.id];
  if (!published) throw new Error(`snapshot has no table ${t.id}`);
  const keys = tableCells(t, months);
  const groups = new Map<string, Selected>();
  keys.forEach((key, i) => {
    const codes = key === '' ? [] : key.split('|');
    const named: Record<string, string> = {};
    t.by.forEach((d, j) => {
      named[d] = codes[j] ?? '';
    });
    for (const [d, code] of fixed) if (named[d] !== code) return;
    if (range && named.month !== undefined) {
      const m = monthIndex(named.month);
      if (m < range.from || m > range.to) return;
    }
    const group: Record<string, string> = {};
    for (const d of by) group[d] = named[d] ?? '';
    const id = by.map((d) => group[d]).join('|');
    const row = groups.get(id) ?? { codes: group, count: 0, variance: 0 };
    row.count += published.counts[i] ?? 0;
    row.variance += published.variances[i] ?? 0;
    groups.set(id, row);
  });
  return [...groups.values()];
}

/** Answers a query, or throws NotInCatalogue naming the parameter to change. */
export function answerPublicQuery(doc: SnapshotDocument, query: StatsQuery): PublicStats {
  const scope: Scope = query.verified === 'true' ? 'verified' : 'all';
  const by = query.by as PublicDimension[];
  const fixed = new Map<PublicDimension, string>();
  for (const f of FILTERS) {
    const value = query[f];
    if (value !== undefined) fixed.set(f, value);
  }
  const wanted = new Set<PublicDimension>([...by, ...fixed.keys()]);
  const ranged = query.from !== undefined || query.to !== undefined;
  if (ranged) wanted.add('month');
  const t = findTable(wanted);
  if (!t) {
    throw new NotInCatalogue(
      `No published table has ${[...wanted].join(' + ')}. ${catalogueDescription()}`,
      ranged && !by.includes('month') ? 'querystring.from' : 'querystring.by',
    );
  }
  const allMonths = monthsBetween(doc.snapshot.months.from, doc.snapshot.months.to);
  const first = monthIndex(doc.snapshot.months.from);
  const last = monthIndex(doc.snapshot.months.to);
  const range = ranged
    ? {
        from: Math.max(first, query.from ? monthIndex(query.from) : first),
        to: Math.min(last, query.to ? monthIndex(query.to) : last),
      }
    : null;
  const rows = select(doc, scope, t, by, fixed, range, allMonths);
  // Cells come in vocabulary order, months oldest first, as the table lists them.
  const cells = rows.map((r) => ({
    ...r.codes,
    count: r.count,
    interval: interval(r.count, r.variance),
  }));
  // The total counts reports that pass the filters, and comes from the table of the filters
  // alone (the total itself when there are none): post-processing makes every table add up to
  // it, and it is the most precise figure. A month range of a table by another single-valued
  // fact is the exception: only the sum of its own cells adds up there.
  let total: { count: number; variance: number };
  if (ranged && !by.includes('month') && by.every((d) => !isMulti(d))) {
    total = rows.reduce(
      (a, r) => ({ count: a.count + r.count, variance: a.variance + r.variance }),
      {
        count: 0,
        variance: 0,
      },
    );
  } else {
    const filterDims = new Set<PublicDimension>([
      ...fixed.keys(),
      ...(ranged ? (['month'] as const) : []),
    ]);
    const tt = findTable(filterDims) as CatalogueTable;
    const [only] = select(doc, scope, tt, [], fixed, range, allMonths);
    total = only ?? { count: 0, variance: 0 };
  }
  return {
    snapshot: {
      id: doc.snapshot.id,
      through: doc.snapshot.through,
      publishedDay: doc.snapshot.publishedDay,
      period: doc.snapshot.period,
    },
    by: [...by],
    filters: Object.fromEntries(
      (['from', 'to', 'region', 'perpetrator', 'violence', 'verified'] as const).flatMap((k) =>
        query[k] !== undefined ? [[k, String(query[k])]] : [],
      ),
    ),
    noise: {
      mechanism: doc.privacy.mechanism,
      rhoPerReport: doc.privacy.rhoPerReport,
      intervalLevel: INTERVAL_LEVEL,
      note: NOISE_NOTE,
    },
    total: total.count,
    totalInterval: interval(total.count, total.variance),
    ...(doc.snapshot.synthetic ? { synthetic: true as const } : {}),
    cells,
  };
}
