// The method texts every release states, in English as stored and in Spanish for the page.
// No zod here: the release page imports this, and should not download a schema library.
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
