// Releases: what an organisation asks to freeze, and the public document it becomes. Pure zod
// and text; the method texts themselves live in release-texts.ts, which has no zod.
import * as z from 'zod';
import { PublicStatsSchema } from '../statistics/public-query.ts';
import {
  csvField,
  DIMENSIONS,
  type Dimension,
  MAX_DIMENSIONS,
  StatsFilterSchema,
} from '../statistics/tables.ts';
import { MonthSchema } from './schemas.ts';

export { COUNTING_RULES, METHOD_TEXT_ES } from '../statistics/release-texts.ts';

export const MAX_RELEASE_TABLES = 12;

const TableSpecSchema = z
  .array(z.enum(DIMENSIONS as unknown as [Dimension, ...Dimension[]]))
  .min(1)
  .max(MAX_DIMENSIONS)
  .refine((dims) => new Set(dims).size === dims.length, 'must not repeat a dimension');

export const ReleaseRequestSchema = z
  .strictObject({
    title: z.string().trim().min(3).max(160),
    from: MonthSchema.optional().describe(
      'first incident month; applies to the tables that can be limited to months (by month, by region), the others cover every month',
    ),
    to: MonthSchema.optional().describe('last incident month (see `from`)'),
    filters: StatsFilterSchema.omit({ from: true, to: true }).default({}),
    tables: z
      .array(TableSpecSchema)
      .min(1)
      .max(MAX_RELEASE_TABLES)
      .refine(
        (tables) => new Set(tables.map((t) => t.join(','))).size === tables.length,
        'must not list the same table twice',
      ),
    corrects: z.string().min(1).max(64).optional().describe('id of the release this corrects'),
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });
export type ReleaseRequest = z.infer<typeof ReleaseRequestSchema>;

export const MethodSchema = z.object({
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  filters: z.record(z.string(), z.string()),
  noise: z.object({
    mechanism: z.string(),
    rhoPerReport: z.number(),
    intervalLevel: z.number(),
    /** Noise standard deviation of one period's increment, by catalogue table. */
    sigma: z.record(z.string(), z.number()),
  }),
  countingRules: z.array(z.string()),
  synthetic: z.boolean(),
});
export type Method = z.infer<typeof MethodSchema>;

export const ReleaseSchema = z.object({
  id: z.string(),
  title: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  publishedDay: z.string(),
  corrects: z.string().nullable(),
  correctedBy: z.array(z.string()),
  snapshot: PublicStatsSchema.shape.snapshot,
  method: MethodSchema,
  tables: z.array(PublicStatsSchema),
});
export type Release = z.infer<typeof ReleaseSchema>;

export const ReleaseSummarySchema = ReleaseSchema.pick({
  id: true,
  title: true,
  organisation: true,
  publishedDay: true,
  corrects: true,
  correctedBy: true,
});
export const ReleaseListSchema = z.object({ releases: z.array(ReleaseSummarySchema) });
export type ReleaseList = z.infer<typeof ReleaseListSchema>;

/** One row per cell of every table, plus a `total` row per table, each with its 90% interval. */
export function releaseCsv(release: Release): string {
  const header = [
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
  ];
  const rows: Array<Array<string | number | boolean | null>> = [header];
  release.tables.forEach((table, t) => {
    const by = table.by.join('+');
    for (const cell of table.cells) {
      const dims = [0, 1].flatMap((j) => {
        const d = table.by[j];
        return d ? [d, String(cell[d] ?? '')] : ['', ''];
      });
      rows.push([
        release.id,
        release.snapshot.through,
        t + 1,
        by,
        ...dims,
        cell.count,
        ...cell.interval,
      ]);
    }
    rows.push([
      release.id,
      release.snapshot.through,
      t + 1,
      by,
      'total',
      '',
      '',
      '',
      table.total,
      ...table.totalInterval,
    ]);
  });
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
