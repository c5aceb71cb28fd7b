// Exact, live figures of the organisation's own reports, for analysts and admins: up to three
// facts, every filter, small cells withheld. Confidential on screen, on paper (a banner that
// repeats on every printed page) and in the CSV, whose first line says so. Every query and
// every export is in the audit log.
import { DIMENSIONS, type StatsTable } from '../../../src/stats.ts';
import { PERPETRATORS, REGIONS, VIOLENCE } from '../../../src/vocabulary.ts';
import { bi, h } from '../dom.ts';
import { codeLabel, DIMENSION_LABELS } from '../stats/labels.ts';
import { api } from './session.ts';

const NONE = '';

function select(id: string, es: string, en: string, options: Array<[string, string]>): HTMLElement {
  const el = h('select', { id, name: id });
  for (const [value, text] of options) el.append(h('option', { value }, text));
  return h('div', {}, h('label', { class: 'field', for: id }, bi(es, en)), el);
}

const dimensionOptions = (first: boolean): Array<[string, string]> => [
  ...(first ? [] : ([[NONE, '— · —']] as Array<[string, string]>)),
  ...DIMENSIONS.map((d): [string, string] => [
    d,
    `${DIMENSION_LABELS[d].es} · ${DIMENSION_LABELS[d].en}`,
  ]),
];

const codeOptions = (list: ReadonlyArray<readonly [string, { es: string; en: string }]>) => [
  [NONE, 'Todas · All'] as [string, string],
  ...list.map(([code, label]): [string, string] => [code, `${label.es} · ${label.en}`]),
];

function queryOf(form: HTMLFormElement): URLSearchParams {
  const data = new FormData(form);
  const params = new URLSearchParams();
  const by = ['by1', 'by2', 'by3']
    .map((k) => String(data.get(k) ?? ''))
    .filter((d, i, all) => d && all.indexOf(d) === i);
  params.set('by', by.join(','));
  for (const key of ['from', 'to', 'region', 'perpetrator', 'violence']) {
    const value = String(data.get(key) ?? '');
    if (value) params.set(key, value);
  }
  if (data.get('verified')) params.set('verified', 'true');
  return params;
}

function render(table: StatsTable, into: HTMLElement): void {
  const node = h('table', { class: 'data' });
  node.append(
    h('caption', {}, bi('Cifras exactas (confidencial)', 'Exact figures (confidential)')),
  );
  const head = (node as HTMLTableElement).createTHead().insertRow();
  for (const d of table.by) {
    const label = DIMENSION_LABELS[d as keyof typeof DIMENSION_LABELS];
    head.append(h('th', { scope: 'col' }, label ? bi(label.es, label.en) : d));
  }
  head.append(h('th', { scope: 'col' }, bi('Reportes', 'Reports')));
  const body = (node as HTMLTableElement).createTBody();
  // Tables of several facts list only the cells that are not zero.
  for (const cell of table.cells) {
    if (table.by.length > 1 && cell.count === 0) continue;
    const row = body.insertRow();
    table.by.forEach((d, i) => {
      row.append(
        h(
          i === 0 ? 'th' : 'td',
          i === 0 ? { scope: 'row' } : {},
          codeLabel(d, String(cell[d] ?? ''), 'es'),
        ),
      );
    });
    row.append(
      h('td', { class: 'num' }, cell.count === null ? 'oculto · hidden' : String(cell.count)),
    );
  }
  const foot = (node as HTMLTableElement).createTFoot().insertRow();
  foot.append(
    h('th', { scope: 'row', colspan: String(table.by.length) }, bi('Total', 'Total')),
    h('td', { class: 'num' }, table.total === null ? 'oculto · hidden' : String(table.total)),
  );
  into.replaceChildren(
    node,
    h(
      'p',
      { class: 'hint' },
      bi(
        `Las cifras de 1 a ${table.k - 1} se ocultan, y otras para que no se puedan calcular restando.`,
        `Figures from 1 to ${table.k - 1} are withheld, and others so that they cannot be worked out by subtraction.`,
      ),
    ),
  );
}

export function showExactStats(view: HTMLElement): void {
  const result = h('div', { id: 'exact-result', 'aria-live': 'polite' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const download = h(
    'a',
    { id: 'exact-csv', class: 'button secondary', hidden: true },
    bi('Descargar CSV (confidencial)', 'Download CSV (confidential)'),
  );
  const form = h(
    'form',
    { id: 'exact-form', novalidate: true },
    select('by1', 'Agrupar por', 'Group by', dimensionOptions(true)),
    select('by2', 'Y por (opcional)', 'And by (optional)', dimensionOptions(false)),
    select('by3', 'Y por (opcional)', 'And by (optional)', dimensionOptions(false)),
    h(
      'div',
      {},
      h(
        'label',
        { class: 'field', for: 'exact-from' },
        bi('Desde (mes del hecho)', 'From (incident month)'),
      ),
      h('input', { id: 'exact-from', name: 'from', type: 'month' }),
    ),
    h(
      'div',
      {},
      h(
        'label',
        { class: 'field', for: 'exact-to' },
        bi('Hasta (mes del hecho)', 'To (incident month)'),
      ),
      h('input', { id: 'exact-to', name: 'to', type: 'month' }),
    ),
    select('region', 'Región', 'Region', codeOptions(REGIONS)),
    select('perpetrator', 'Quién lo hizo', 'Perpetrator', codeOptions(PERPETRATORS)),
    select('violence', 'Tipo de violencia', 'Type of violence', codeOptions(VIOLENCE)),
    h(
      'label',
      { class: 'option' },
      h('input', { type: 'checkbox', name: 'verified', value: 'true' }),
      bi('Solo verificados', 'Verified only'),
    ),
    h('button', { type: 'submit' }, bi('Ver cifras', 'Show figures')),
  ) as HTMLFormElement;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const params = queryOf(form);
    status.textContent = 'Contando… · Counting…';
    try {
      const table = await api<StatsTable>('GET', `/api/org/stats?${params}`);
      render(table, result);
      download.setAttribute('href', `/api/org/stats/csv?${params}`);
      download.hidden = false;
      status.textContent = '';
    } catch (err) {
      status.textContent = `Error: ${err instanceof Error ? err.message : String(err)}`;
    }
  });
  view.replaceChildren(
    // Fixed in print, so it repeats at the top of every printed page.
    h(
      'p',
      { class: 'confidential-banner' },
      bi('CONFIDENCIAL — no publicar', 'CONFIDENTIAL — do not publish'),
    ),
    h('h1', { tabindex: '-1' }, bi('Cifras exactas', 'Exact figures')),
    h(
      'p',
      { class: 'callout' },
      bi(
        'Solo para el equipo. Son las cifras exactas y al día de los reportes que recibió tu organización. No las publiques ni las compartas fuera del equipo: una cifra exacta que cambia con cada reporte puede identificar a una persona. Cada consulta queda en el registro. Las cifras públicas, con ruido, están en /estadisticas.',
        'Staff only. These are the exact, up-to-date figures of the reports your organisation received. Do not publish or share them outside the team: an exact figure that changes with each report can identify a person. Every query is logged. The public figures, with noise, are at /estadisticas.',
      ),
    ),
    form,
    status,
    result,
    h('p', {}, download),
  );
}
