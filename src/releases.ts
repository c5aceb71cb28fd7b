// Releases: what an organisation asks to freeze, and the public document it becomes. Pure zod
// and text, so the release page can import the types.
import { z } from 'zod';
import { MonthSchema } from './schemas.ts';
import {
  DIMENSIONS,
  type Dimension,
  MAX_DIMENSIONS,
  StatsFilterSchema,
  StatsTableSchema,
} from './stats.ts';

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

export const COUNTING_RULES = [
  'The unit is a report of one incident; `total` counts reports, each once.',
  'A report naming several perpetrator or violence types is counted once under each, so those cells can add up to more than the total.',
  'The GBVIMS type is one per report, by precedence: rape, sexual assault, physical assault, forced marriage, denial of resources, psychological abuse.',
  'Counts from 1 to k−1 are withheld, with other cells chosen so that none can be worked out from rows, columns and totals; a withheld cell is shown as null.',
  'Periods are incident months (YYYY-MM), inclusive.',
];

export const SUPPRESSION_METHOD =
  'primary (1 to k−1) and complementary (hypercube boxes: no withheld cell can be derived from published cells and row, column or grand totals)';

export const DP_MECHANISM =
  'discrete Laplace (two-sided geometric) noise on every cell and total, fixed per release and cell, added before suppression; negative results shown as 0';

/** Spanish for the method texts above, shown on the release page; the stored JSON keeps the
 * English, so a release's document never depends on the page that shows it. */
export const METHOD_TEXT_ES: Readonly<Record<string, string>> = {
  [COUNTING_RULES[0] ?? '']:
    'La unidad es el reporte de un hecho; `total` cuenta reportes, cada uno una vez.',
  [COUNTING_RULES[1] ?? '']:
    'Un reporte que nombra varios responsables o tipos de violencia cuenta una vez en cada uno, así que esas celdas pueden sumar más que el total.',
  [COUNTING_RULES[2] ?? '']:
    'El tipo GBVIMS es uno por reporte, por precedencia: violación, agresión sexual, agresión física, matrimonio forzado, negación de recursos, abuso psicológico.',
  [COUNTING_RULES[3] ?? '']:
    'Las cifras de 1 a k−1 se ocultan, junto con otras elegidas para que ninguna se pueda calcular con filas, columnas y totales; una cifra oculta se muestra vacía.',
  [COUNTING_RULES[4] ?? '']: 'Los periodos son meses del hecho (AAAA-MM), inclusive.',
  [SUPPRESSION_METHOD]:
    'primaria (1 a k−1) y complementaria (cajas del método del hipercubo: ninguna cifra oculta se puede deducir de las publicadas ni de los totales de filas, columnas o el total general)',
  [DP_MECHANISM]:
    'ruido de Laplace discreto (geométrico de dos lados) en cada celda y total, fijo por publicación y celda, añadido antes de la supresión; los resultados negativos se muestran como 0',
};

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
