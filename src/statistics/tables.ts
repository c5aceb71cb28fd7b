// Count tables with small-cell suppression. Pure: the database hands in raw counts.
import * as z from 'zod';
import { MonthSchema } from '../contract/schemas.ts';
import { GBV_TYPE_CODES } from '../shared/gbvims.ts';
import { monthsBetween } from '../shared/months.ts';
import { FACT_CODES } from '../shared/vocabulary.ts';
import { isSmall, suppressTable } from './suppression.ts';

/** Dimension name (as used in `?by=`) → its fixed list of codes. `month` is open-ended. */
export const FIXED_DIMENSIONS = {
  region: FACT_CODES.region,
  perpetrator: FACT_CODES.perpetrators,
  violence: FACT_CODES.violence,
  identity: FACT_CODES.identity,
  ageBand: FACT_CODES.ageBand,
  nationality: FACT_CODES.nationality,
  setting: FACT_CODES.setting,
  reportedToAuthority: FACT_CODES.reportedToAuthority,
  channel: FACT_CODES.channel,
  // Derived, one per report: the GBVIMS primary type (src/shared/gbvims.ts).
  gbvType: GBV_TYPE_CODES,
} as const;

export const DIMENSIONS = [
  'month',
  ...(Object.keys(FIXED_DIMENSIONS) as FixedDimension[]),
] as const;
export type FixedDimension = keyof typeof FIXED_DIMENSIONS;
export type Dimension = 'month' | FixedDimension;
export const MAX_DIMENSIONS = 3;
/** A table by month lists every month in its span; more than this many is refused. */
export const MAX_MONTH_SPAN = 240;

const DimensionListSchema = z
  .string()
  .max(200)
  .transform((value) => value.split(','))
  .pipe(
    z
      .array(z.enum(DIMENSIONS as unknown as [Dimension, ...Dimension[]]))
      .min(1)
      .max(MAX_DIMENSIONS, `at most ${MAX_DIMENSIONS} dimensions`)
      .refine((dims) => new Set(dims).size === dims.length, 'must not repeat a dimension'),
  );

/** Filters narrow the reports counted; each names one code. */
export const StatsFilterSchema = z.strictObject({
  from: MonthSchema.optional(),
  to: MonthSchema.optional(),
  region: z.enum(FACT_CODES.region).optional(),
  perpetrator: z.enum(FACT_CODES.perpetrators).optional(),
  violence: z.enum(FACT_CODES.violence).optional(),
  verified: z
    .literal('true', 'only `true` is accepted; leave it out to count every report')
    .optional(),
});
export type StatsFilter = z.infer<typeof StatsFilterSchema>;
export const FILTER_DIMENSIONS = ['region', 'perpetrator', 'violence'] as const;

export const StatsQuerySchema = StatsFilterSchema.extend({
  by: DimensionListSchema.describe(
    `1 to ${MAX_DIMENSIONS} distinct dimensions, comma-separated: ${DIMENSIONS.join(', ')}`,
  ),
}).refine((q) => !q.from || !q.to || q.from <= q.to, {
  message: '`from` must not be after `to`',
  path: ['from'],
});
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

export const StatsCellSchema = z
  .object({ count: z.number().int().nullable(), suppressed: z.boolean() })
  .catchall(z.string());

export const StatsTableSchema = z.object({
  k: z.number().int(),
  by: z.array(z.string()),
  filters: z.record(z.string(), z.string()).optional(),
  total: z.number().int().nullable(),
  /** Present when no safe pattern of withheld cells exists, so every cell is withheld. */
  withheld: z.literal(true).optional(),
  /** Present when the database holds generated (synthetic) reports only. */
  synthetic: z.literal(true).optional(),
  /** Exact figures for staff: not to be published. */
  confidential: z.literal(true).optional(),
  cells: z.array(StatsCellSchema),
});
export type StatsTable = z.infer<typeof StatsTableSchema>;

/** One raw count: the codes in `by` order, and the number of reports with them. */
export type RawCount = { key: readonly string[]; count: number };

export type TableInput = {
  by: readonly Dimension[];
  counts: readonly RawCount[];
  total: number;
  k: number;
  /** The months the `month` dimension spans; needed only when `by` includes it. */
  months?: { from: string; to: string } | null;
  /** The filters applied, echoed so that a saved table says what it counts. */
  filters?: Record<string, string>;
};

function codesFor(dimension: Dimension, months: TableInput['months']): readonly string[] {
  if (dimension !== 'month') return FIXED_DIMENSIONS[dimension];
  return months ? monthsBetween(months.from, months.to) : [];
}

/**
 * Builds the full table (every combination of codes, zeros included, so that an absent row
 * never says more than a present one), withholds small cells and the cells that would let
 * anyone work them out (src/statistics/suppression.ts), and a small total.
 */
export function buildTable(input: TableInput): StatsTable {
  const { by, counts, total, k } = input;
  const axes = by.map((d) => codesFor(d, input.months));
  const sizes = axes.map((a) => a.length);
  const positions = axes.map((codes) => new Map(codes.map((code, i) => [code, i])));
  const size = sizes.reduce((a, b) => a * b, 1);
  // Row-major: the last dimension varies fastest, so cells come in vocabulary order.
  const values = new Array<number>(size).fill(0);
  for (const { key, count } of counts) {
    let index = 0;
    let inTable = true;
    for (let j = 0; j < by.length; j++) {
      const at = positions[j]?.get(key[j] ?? '');
      if (at === undefined) inTable = false;
      index = index * (sizes[j] ?? 1) + (at ?? 0);
    }
    if (inTable) values[index] = (values[index] ?? 0) + count;
  }
  const { suppressed, withheld } = suppressTable(values, sizes, k);
  const cells: StatsTable['cells'] = new Array(size);
  // An odometer over the axes, so no per-cell arrays are built (tables reach 6,480 cells).
  const at = by.map(() => 0);
  for (let i = 0; i < size; i++) {
    const cell: Record<string, string | number | boolean | null> = {};
    for (let j = 0; j < by.length; j++) cell[by[j] as string] = axes[j]?.[at[j] ?? 0] ?? '';
    const hidden = suppressed[i] ?? true;
    cell.count = hidden ? null : (values[i] ?? 0);
    cell.suppressed = hidden;
    cells[i] = cell as StatsTable['cells'][number];
    for (let j = by.length - 1; j >= 0; j--) {
      at[j] = (at[j] ?? 0) + 1;
      if ((at[j] ?? 0) < (sizes[j] ?? 1)) break;
      at[j] = 0;
    }
  }
  return {
    k,
    by: [...by],
    ...(input.filters ? { filters: input.filters } : {}),
    total: withheld || isSmall(total, k) ? null : total,
    ...(withheld ? { withheld: true } : {}),
    cells,
  };
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * An exact staff table as CSV. Its first line says it is confidential, so the warning travels
 * with the file wherever it is opened or printed.
 */
export function exactCsv(table: StatsTable, orgId: string, day: string): string {
  const rows: Array<Array<string | number | boolean | null>> = [
    [
      `CONFIDENCIAL / CONFIDENTIAL: exact figures of ${orgId} on ${day}; do not publish (they can identify a person). Withheld cells are empty.`,
    ],
    [...table.by, 'count', 'withheld'],
  ];
  for (const cell of table.cells) {
    rows.push([...table.by.map((d) => String(cell[d] ?? '')), cell.count, cell.suppressed]);
  }
  rows.push([
    ...table.by.map((_, i) => (i === 0 ? 'total' : '')),
    table.total,
    table.total === null,
  ]);
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
