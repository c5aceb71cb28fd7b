// Releases: what an organisation asks to freeze, and the public document it becomes. Pure zod
// and text; the method texts themselves live in release-texts.ts, which has no zod.
import { z } from 'zod';
import { MonthSchema } from './schemas.ts';
import {
  DIMENSIONS,
  type Dimension,
  MAX_DIMENSIONS,
  StatsFilterSchema,
  StatsTableSchema,
} from './stats.ts';

export {
  COUNTING_RULES,
  DP_MECHANISM,
  METHOD_TEXT_ES,
  SUPPRESSION_METHOD,
} from './release-texts.ts';

export const MAX_RELEASE_TABLES = 12;
export const MIN_EPSILON = 0.05;
export const MAX_EPSILON = 10;

const TableSpecSchema = z
  .array(z.enum(DIMENSIONS as unknown as [Dimension, ...Dimension[]]))
  .min(1)
  .max(MAX_DIMENSIONS)
  .refine((dims) => new Set(dims).size === dims.length, 'must not repeat a dimension');

export const ReleaseRequestSchema = z
  .strictObject({
    title: z.string().trim().min(3).max(160),
    from: MonthSchema,
    to: MonthSchema,
    filters: StatsFilterSchema.omit({ from: true, to: true }).default({}),
    tables: z
      .array(TableSpecSchema)
      .min(1)
      .max(MAX_RELEASE_TABLES)
      .refine(
        (tables) => new Set(tables.map((t) => t.join(','))).size === tables.length,
        'must not list the same table twice',
      ),
    epsilon: z
      .number()
      .min(MIN_EPSILON)
      .max(MAX_EPSILON)
      .optional()
      .describe('total ε for the release, shared equally by its tables; leave out for no noise'),
    corrects: z.string().min(1).max(64).optional().describe('id of the release this corrects'),
  })
  .refine((r) => r.from <= r.to, { message: '`from` must not be after `to`', path: ['from'] });
export type ReleaseRequest = z.infer<typeof ReleaseRequestSchema>;

export const MethodSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  filters: z.record(z.string(), z.string()),
  k: z.number().int(),
  suppression: z.string(),
  differentialPrivacy: z
    .object({
      mechanism: z.string(),
      epsilon: z.number(),
      epsilonPerTable: z.number(),
      sensitivity: z.array(z.number()),
      /** Per table: how far, typically, a published count is from the true one. */
      noiseStandardDeviation: z.array(z.number()),
    })
    .nullable(),
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
  method: MethodSchema,
  tables: z.array(StatsTableSchema),
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

function csvField(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per cell of every table, plus a `total` row per table. */
export function releaseCsv(release: Release): string {
  const header = [
    'release',
    'table',
    'by',
    'dimension_1',
    'code_1',
    'dimension_2',
    'code_2',
    'dimension_3',
    'code_3',
    'count',
    'suppressed',
  ];
  const rows: Array<Array<string | number | boolean | null>> = [header];
  release.tables.forEach((table, t) => {
    const by = table.by.join('+');
    for (const cell of table.cells) {
      const dims = [0, 1, 2].flatMap((j) => {
        const d = table.by[j];
        return d ? [d, String(cell[d] ?? '')] : ['', ''];
      });
      rows.push([release.id, t + 1, by, ...dims, cell.count, cell.suppressed]);
    }
    rows.push([
      release.id,
      t + 1,
      by,
      'total',
      '',
      '',
      '',
      '',
      '',
      table.total,
      table.total === null,
    ]);
  });
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
