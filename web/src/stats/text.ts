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
    es: 'Casos reportados de forma anónima a Voz Segura. Cada reporte es un hecho. Las cifras son aproximadas (≈) para que nadie pueda ser identificado.',
    en: 'Cases reported anonymously to Voz Segura. Each report is one incident. Figures are approximate (≈) so that nobody can be identified.',
  },
  syntheticBanner: {
    es: 'Datos sintéticos de demostración: no son casos reales.',
    en: 'Synthetic demonstration data: these are not real cases.',
  },
  switchLang: { es: 'English', en: 'Español' },
  switchLangLabel: { es: 'Change language to English', en: 'Cambiar el idioma a español' },
  filters: { es: 'Filtros', en: 'Filters' },
  from: { es: 'Desde (mes del hecho)', en: 'From (incident month)' },
  to: { es: 'Hasta (mes del hecho)', en: 'To (incident month)' },
  periodHint: {
    es: 'El periodo se aplica al gráfico por mes y al mapa. Sin periodo, el gráfico por mes muestra los últimos 24 meses.',
    en: 'The period applies to the chart by month and to the map. Without one, the chart by month shows the last 24 months.',
  },
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
  count: { es: 'Reportes (rango de 90 %)', en: 'Reports (90% range)' },
  rangeNote: {
    es: '≈ quiere decir «más o menos». Entre paréntesis, el rango: la cifra real está dentro 9 de cada 10 veces.',
    en: '≈ means "about". In brackets, the range: the real figure is inside it 9 times in 10.',
  },
  compactNote: {
    es: 'Las combinaciones que no aparecen tienen menos de 10.',
    en: 'Combinations not listed have fewer than 10.',
  },
  notPublished: {
    es: 'Este gráfico no se publica con los filtros elegidos. Quita un filtro para verlo.',
    en: 'This chart is not published with the chosen filters. Remove a filter to see it.',
  },
  snapshot: {
    es: 'Cifras con los reportes recibidos hasta el',
    en: 'Figures from reports received up to',
  },
  published: { es: 'publicadas el', en: 'published on' },
  noSnapshot: {
    es: 'Todavía no hay cifras publicadas. Se publican cada trimestre, unos días después de que termina.',
    en: 'No figures have been published yet. They are published every quarter, a few days after it ends.',
  },
  loading: { es: 'Cargando…', en: 'Loading…' },
  periodInverted: {
    es: '«Hasta» tiene que ser el mismo mes que «Desde» o uno después.',
    en: '“To” must be the same month as “From” or a later one.',
  },
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
    es: 'Se cuenta cada reporte una vez en el total. Si nombra varios responsables o tipos de violencia, cuenta una vez en cada uno (hasta tres de cada uno).',
    en: 'Each report counts once in the total. If it names several perpetrators or types of violence, it counts once under each (up to three of each).',
  },
  methodNoise: {
    es: 'Para proteger a quienes reportan, a cada cifra se le suma o se le resta un número pequeño al azar antes de publicarla. Así nadie puede saber, comparando cifras, si una persona hizo un reporte. Por eso las cifras llevan ≈ y un rango, y las menores de 10 se muestran como «menos de 10».',
    en: 'To protect the people who report, a small random number is added to or taken from every figure before it is published. That way nobody can tell, by comparing figures, whether a person made a report. This is why figures carry ≈ and a range, and those under 10 are shown as "fewer than 10".',
  },
  methodWhen: {
    es: 'Las cifras se publican una vez por trimestre, con los reportes recibidos hasta el cierre, y no cambian hasta la siguiente publicación.',
    en: 'Figures are published once a quarter, with the reports received up to its close, and do not change until the next publication.',
  },
  methodCan: {
    es: 'Se puede concluir: cuántos casos hay más o menos, y las diferencias grandes entre regiones, responsables o periodos. No se puede concluir: una cifra exacta, ni una diferencia más pequeña que los rangos.',
    en: 'You can conclude: roughly how many cases there are, and large differences between regions, perpetrators or periods. You cannot conclude: an exact figure, or a difference smaller than the ranges.',
  },
  releases: { es: 'Publicaciones', en: 'Releases' },
  releasesNone: { es: 'Todavía no hay publicaciones.', en: 'No releases yet.' },
  publish: { es: 'Publicar una versión (organizaciones)', en: 'Publish a release (organisations)' },
  publishHint: {
    es: 'Congela las tablas elegidas, con los filtros actuales, de la última publicación de cifras en una página permanente que se puede citar e imprimir.',
    en: 'Freezes the chosen tables, with the current filters, of the latest published figures on a permanent page that can be cited and printed.',
  },
  releaseTitle: { es: 'Título', en: 'Title' },
  token: { es: 'Clave de publicación de la organización', en: "Organisation's release token" },
  tables: { es: 'Tablas', en: 'Tables' },
  publishButton: { es: 'Publicar', en: 'Publish' },
  releasePublished: { es: 'Publicado:', en: 'Published:' },
  publishFailed: { es: 'No se publicó:', en: 'Not published:' },
} as const;
export type StatsTextKey = keyof typeof STATS_TEXT;
