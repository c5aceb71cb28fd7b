// The data table behind every chart: the same numbers, readable by screen readers and printable.
import type { StatsTable } from '../../../src/stats.ts';
import { codeLabel, DIMENSION_LABELS, type Lang } from './labels.ts';
import { STATS_TEXT, withK } from './text.ts';

const fmt = (n: number, lang: Lang): string => n.toLocaleString(lang === 'es' ? 'es-PE' : 'en');

/**
 * One row per cell. Tables of two or more facts list only the non-zero and hidden cells (a
 * note says the rest are zero), so that 351 combinations stay readable.
 */
export function renderDataTable(
  container: HTMLElement,
  table: StatsTable,
  lang: Lang,
  caption: string,
): void {
  const node = document.createElement('table');
  node.className = 'data';
  const cap = document.createElement('caption');
  cap.textContent = caption;
  node.append(cap);
  const head = node.createTHead().insertRow();
  for (const d of table.by) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = DIMENSION_LABELS[d as keyof typeof DIMENSION_LABELS]?.[lang] ?? d;
    head.append(th);
  }
  const countHead = document.createElement('th');
  countHead.scope = 'col';
  countHead.textContent = STATS_TEXT.count[lang];
  head.append(countHead);
  const body = node.createTBody();
  const compact = table.by.length > 1;
  for (const cell of table.cells) {
    if (compact && cell.count === 0) continue;
    const row = body.insertRow();
    table.by.forEach((d, i) => {
      const th = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) (th as HTMLTableCellElement).scope = 'row';
      th.textContent = codeLabel(d, String(cell[d] ?? ''), lang);
      row.append(th);
    });
    const td = row.insertCell();
    td.className = 'num';
    td.textContent = cell.count === null ? STATS_TEXT.hidden[lang] : fmt(cell.count, lang);
    if (cell.suppressed) td.dataset.hidden = 'true';
  }
  const foot = node.createTFoot().insertRow();
  const label = document.createElement('th');
  label.scope = 'row';
  label.colSpan = table.by.length;
  label.textContent = STATS_TEXT.total[lang];
  foot.append(label);
  const total = foot.insertCell();
  total.className = 'num';
  total.textContent = table.total === null ? STATS_TEXT.hidden[lang] : fmt(table.total, lang);
  const notes = document.createElement('p');
  notes.className = 'hint';
  const hiddenNote = withK(STATS_TEXT.hiddenNote[lang], table.k);
  notes.textContent = compact
    ? `${hiddenNote} ${lang === 'es' ? 'Las combinaciones que no aparecen son 0.' : 'Combinations not listed are 0.'}`
    : hiddenNote;
  container.replaceChildren(node, notes);
}
