// The method texts every release states, in English as stored and in Spanish for the page.
// No zod here: the release page imports this, and should not download a schema library.
export const COUNTING_RULES = [
  'The unit is a report of one incident; `total` counts reports, each once.',
  'A report naming several perpetrator or violence types is counted once under each (at most three of each), so those cells can add up to more than the total.',
  'The GBVIMS type is one per report, by precedence: rape, sexual assault, physical assault, forced marriage, denial of resources, psychological abuse.',
  'Figures come from a snapshot of the reports received up to a closed period; every figure carries random noise (differential privacy) and is given with its 90% interval.',
  'Periods are incident months (YYYY-MM), inclusive.',
];

export const NOISE_MECHANISM_TEXT =
  'discrete Gaussian noise on every cell of every period, then adjusted so that figures are whole, never negative, and add up within each table';

/** Spanish for the method texts above, shown on the release page; the stored JSON keeps the
 * English, so a release's document never depends on the page that shows it. */
export const METHOD_TEXT_ES: Readonly<Record<string, string>> = {
  [COUNTING_RULES[0] ?? '']:
    'La unidad es el reporte de un hecho; `total` cuenta reportes, cada uno una vez.',
  [COUNTING_RULES[1] ?? '']:
    'Un reporte que nombra varios responsables o tipos de violencia cuenta una vez en cada uno (tres como máximo de cada uno), así que esas cifras pueden sumar más que el total.',
  [COUNTING_RULES[2] ?? '']:
    'El tipo GBVIMS es uno por reporte, por precedencia: violación, agresión sexual, agresión física, matrimonio forzado, negación de recursos, abuso psicológico.',
  [COUNTING_RULES[3] ?? '']:
    'Las cifras salen de una foto de los reportes recibidos hasta el cierre de un periodo; cada cifra lleva un ruido al azar (privacidad diferencial) y se da con su rango de 90 %.',
  [COUNTING_RULES[4] ?? '']: 'Los periodos son meses del hecho (AAAA-MM), inclusive.',
  [NOISE_MECHANISM_TEXT]:
    'ruido gaussiano discreto en cada cifra de cada periodo, ajustado después para que las cifras sean enteras, nunca negativas y sumen bien dentro de cada tabla',
};
