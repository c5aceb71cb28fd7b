// Exact, live figures of the organisation's own reports, for analysts and admins: up to three
// facts, every filter, small cells withheld. Confidential on screen, on paper (a banner that
// repeats on every printed page) and in the CSV, whose first line says so. Every query and
// every export is in the audit log.

import { PERPETRATORS, REGIONS, VIOLENCE } from '../../../../src/shared/vocabulary.ts';
import {
  DIMENSIONS,
  type StatsTable,
  StatsTableSchema,
} from '../../../../src/statistics/tables.ts';
import { h } from '../../lib/dom.ts';
import { fill, inLang, type Said } from '../../lib/i18n.ts';
import { say, tx, unsay } from '../../lib/live-lang.ts';
import { codeLabel, DIMENSION_LABELS } from '../stats/labels.ts';
import { REPORT_TEXT as R } from './report-text.ts';
import { failureWords, staffApi } from './session.ts';
import { WORKSPACE_TEXT } from './text.ts';

const NONE = '';
const DASH: Said = { es: '—', en: '—' };

function select(id: string, title: Said, options: Array<[string, Said]>): HTMLElement {
  const el = h('select', { id, name: id });
  for (const [value, text] of options) el.append(tx(text, 'option', { value }));
  return h('div', {}, tx(title, 'label', { class: 'field', for: id }), el);
}

const dimensionOptions = (first: boolean): Array<[string, Said]> => [
  ...(first ? [] : ([[NONE, DASH]] as Array<[string, Said]>)),
  ...DIMENSIONS.map((d): [string, Said] => [d, DIMENSION_LABELS[d]]),
];

const codeOptions = (list: ReadonlyArray<readonly [string, Said]>): Array<[string, Said]> => [
  [NONE, R.allFem],
  ...list.map(([code, label]): [string, Said] => [code, label]),
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

const figure = (count: number | null): HTMLElement =>
  count === null ? tx(R.hidden, 'td', { class: 'num' }) : h('td', { class: 'num' }, String(count));

function render(table: StatsTable, into: HTMLElement): void {
  // No safe pattern of withheld cells: one line says so, not a row of "oculto" per combination.
  if (table.withheld) {
    into.replaceChildren(tx(R.tableWithheld, 'p', { class: 'callout', id: 'exact-withheld' }));
    return;
  }
  const node = h('table', { class: 'data' });
  node.append(tx(R.exactCaption, 'caption'));
  const head = (node as HTMLTableElement).createTHead().insertRow();
  for (const d of table.by) {
    const label = DIMENSION_LABELS[d as keyof typeof DIMENSION_LABELS];
    head.append(label ? tx(label, 'th', { scope: 'col' }) : h('th', { scope: 'col' }, d));
  }
  head.append(tx(R.reports, 'th', { scope: 'col' }));
  const body = (node as HTMLTableElement).createTBody();
  // Tables of several facts list only the cells that are not zero.
  for (const cell of table.cells) {
    if (table.by.length > 1 && cell.count === 0) continue;
    const row = body.insertRow();
    table.by.forEach((d, i) => {
      row.append(
        tx(
          (l) => codeLabel(d, String(cell[d] ?? ''), l),
          i === 0 ? 'th' : 'td',
          i === 0 ? { scope: 'row' } : {},
        ),
      );
    });
    row.append(figure(cell.count));
  }
  const foot = (node as HTMLTableElement).createTFoot().insertRow();
  foot.append(
    tx(R.total, 'th', { scope: 'row', colspan: String(table.by.length) }),
    figure(table.total),
  );
  into.replaceChildren(
    node,
    tx((l) => fill(inLang(R.withheld, l), { k: table.k - 1 }), 'p', { class: 'hint' }),
  );
}

export function showExactStats(view: HTMLElement): void {
  const result = h('div', { id: 'exact-result', 'aria-live': 'polite' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const download = tx(R.csv, 'a', { id: 'exact-csv', class: 'button secondary', hidden: true });
  const month = (id: string, name: string, title: Said): HTMLElement =>
    h(
      'div',
      {},
      tx(title, 'label', { class: 'field', for: id }),
      h('input', { id, name, type: 'month' }),
    );
  const form = h(
    'form',
    { id: 'exact-form', novalidate: true },
    select('by1', R.groupBy, dimensionOptions(true)),
    select('by2', R.andBy, dimensionOptions(false)),
    select('by3', R.andBy, dimensionOptions(false)),
    month('exact-from', 'from', R.from),
    month('exact-to', 'to', R.to),
    select('region', R.region, codeOptions(REGIONS)),
    select('perpetrator', R.perpetrator, codeOptions(PERPETRATORS)),
    select('violence', R.violenceType, codeOptions(VIOLENCE)),
    h(
      'label',
      { class: 'option' },
      h('input', { type: 'checkbox', name: 'verified', value: 'true' }),
      tx(R.verifiedOnly),
    ),
    tx(R.showFigures, 'button', { type: 'submit' }),
  ) as HTMLFormElement;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const params = queryOf(form);
    say(status, R.counting);
    try {
      const table = await staffApi('GET', `/api/org/stats?${params}`, StatsTableSchema);
      render(table, result);
      download.setAttribute('href', `/api/org/stats/csv?${params}`);
      download.hidden = false;
      unsay(status);
    } catch (err) {
      say(status, failureWords(err));
    }
  });
  view.replaceChildren(
    // Fixed in print, so it repeats at the top of every printed page.
    tx(R.banner, 'p', { class: 'confidential-banner' }),
    tx(WORKSPACE_TEXT.tabStats, 'h1', { tabindex: '-1' }),
    tx(R.staffOnly, 'p', { class: 'callout' }),
    form,
    status,
    result,
    h('p', {}, download),
  );
}
