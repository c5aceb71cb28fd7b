// The words of the statistics pages, Spanish first.
export const STATS_TEXT = {
  pageTitle: {
    es: 'Estadísticas de violencia — Voz Segura',
    en: 'Violence statistics — Voz Segura',
  },
  heading: {
    es: 'Violencia contra trabajadoras y trabajadores sexuales en el Perú',
    en: 'Violence against sex workers in Peru',
  },
  intro: {
    es: 'Casos reportados de forma anónima a Voz Segura. Cada reporte es un hecho. Las cifras pequeñas se ocultan para que nadie pueda ser identificado.',
    en: 'Cases reported anonymously to Voz Segura. Each report is one incident. Small figures are hidden so that nobody can be identified.',
  },
  syntheticBanner: {
    es: 'Datos sintéticos de demostración: no son casos reales.',
    en: 'Synthetic demonstration data: these are not real cases.',
  },
  switchLang: { es: 'English', en: 'Español' },
  switchLangLabel: { es: 'Change language to English', en: 'Cambiar el idioma a español' },
  filters: { es: 'Filtros', en: 'Filters' },
  from: { es: 'Desde (mes)', en: 'From (month)' },
  to: { es: 'Hasta (mes)', en: 'To (month)' },
  region: { es: 'Región', en: 'Region' },
  perpetrator: { es: 'Quién lo hizo', en: 'Perpetrator' },
  violence: { es: 'Tipo de violencia', en: 'Type of violence' },
  all: { es: 'Todas', en: 'All' },
  verified: { es: 'Solo reportes verificados', en: 'Verified reports only' },
  total: { es: 'Reportes en total', en: 'Reports in total' },
  byPerpetrator: { es: 'Reportes según quién lo hizo', en: 'Reports by perpetrator' },
  byViolence: { es: 'Reportes según tipo de violencia', en: 'Reports by type of violence' },
  byRegion: { es: 'Reportes por región', en: 'Reports by region' },
  byMonth: { es: 'Reportes por mes', en: 'Reports by month' },
  byGbv: {
    es: 'Tipo principal de violencia (clasificación GBVIMS)',
    en: 'Primary type of violence (GBVIMS classification)',
  },
  multiNote: {
    es: 'Un reporte puede nombrar varios; por eso las barras suman más que el total.',
    en: 'A report can name several, so the bars add up to more than the total.',
  },
  showTable: { es: 'Ver tabla de datos', en: 'Show data table' },
  count: { es: 'Reportes', en: 'Reports' },
  hidden: { es: 'oculto*', en: 'hidden*' },
  hiddenNote: {
    es: '* Oculto: hay menos de {k} casos, o la cifra se oculta para que no se pueda calcular otra cifra pequeña restando.',
    en: '* Hidden: fewer than {k} cases, or hidden so that another small figure cannot be worked out by subtraction.',
  },
  withheld: {
    es: 'Con estos filtros hay muy pocos casos para publicar esta tabla sin riesgo.',
    en: 'With these filters there are too few cases to publish this table safely.',
  },
  loading: { es: 'Cargando…', en: 'Loading…' },
  failed: {
    es: 'No se pudieron cargar las cifras. Intenta de nuevo.',
    en: 'The figures could not be loaded. Try again.',
  },
  mapNote: {
    es: 'Mapa esquemático: cada cuadro es un departamento; Lima Metropolitana aparte de Lima provincias.',
    en: 'Schematic map: each tile is a department; Metropolitan Lima apart from the rest of Lima.',
  },
  undisclosed: { es: 'Región no indicada', en: 'Region not given' },
  method: { es: 'Cómo se cuenta', en: 'How we count' },
  methodBody: {
    es: 'Se cuenta cada reporte una vez en el total. Si nombra varios responsables o tipos de violencia, cuenta una vez en cada uno. Las cifras de 1 a {k1} se ocultan, junto con otras elegidas para que no se puedan deducir.',
    en: 'Each report counts once in the total. If it names several perpetrators or types of violence, it counts once under each. Figures from 1 to {k1} are hidden, with others chosen so that they cannot be deduced.',
  },
  releases: { es: 'Publicaciones', en: 'Releases' },
  releasesNone: { es: 'Todavía no hay publicaciones.', en: 'No releases yet.' },
  publish: { es: 'Publicar una versión (organizaciones)', en: 'Publish a release (organisations)' },
  publishHint: {
    es: 'Congela las tablas elegidas con los filtros actuales en una página permanente que se puede citar e imprimir.',
    en: 'Freezes the chosen tables with the current filters on a permanent page that can be cited and printed.',
  },
  releaseTitle: { es: 'Título', en: 'Title' },
  token: { es: 'Clave de publicación de la organización', en: "Organisation's release token" },
  tables: { es: 'Tablas', en: 'Tables' },
  epsilon: { es: 'Ruido (ε, opcional)', en: 'Noise (ε, optional)' },
  epsilonHint: {
    es: 'Privacidad diferencial: menor ε, más ruido y más protección. Gasta presupuesto de la organización.',
    en: "Differential privacy: smaller ε means more noise and more protection. Spends the organisation's budget.",
  },
  publishButton: { es: 'Publicar', en: 'Publish' },
  published: { es: 'Publicado:', en: 'Published:' },
  publishFailed: { es: 'No se publicó:', en: 'Not published:' },
} as const;
export type StatsTextKey = keyof typeof STATS_TEXT;

/** The suppression threshold the service uses by default; pages show the one the API reports. */
export const DEFAULT_K = 5;

/** Fills {k} and {k1} (k − 1) in a text. */
export function withK(text: string, k: number): string {
  return text.replaceAll('{k}', String(k)).replaceAll('{k1}', String(k - 1));
}
