// The data table behind every chart: the same figures, with their 90% ranges, readable by screen
// readers and printable.
import type { PublicStats } from '../../../src/statistics/public-query.ts';
import { fullFigure, isBand } from './figures.ts';
import { codeLabel, DIMENSION_LABELS, type Lang } from './labels.ts';
import { STATS_TEXT } from './text.ts';

/**
 * One row per cell. Tables of two facts list only the cells of 10 or more (a note says the rest
 * are under 10), so that 351 combinations stay readable.
 */
export function renderDataTable(
  container: HTMLElement,
  table: PublicStats,
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
    if (compact && isBand(cell)) continue;
    const row = body.insertRow();
    table.by.forEach((d, i) => {
      const th = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) (th as HTMLTableCellElement).scope = 'row';
      th.textContent = codeLabel(d, String(cell[d] ?? ''), lang);
      row.append(th);
    });
    const td = row.insertCell();
    td.className = 'num';
    td.textContent = fullFigure(cell, lang);
  }
  const foot = node.createTFoot().insertRow();
  const label = document.createElement('th');
  label.scope = 'row';
  label.colSpan = table.by.length;
  label.textContent = STATS_TEXT.total[lang];
  foot.append(label);
  const total = foot.insertCell();
  total.className = 'num';
  total.textContent = fullFigure({ count: table.total, interval: table.totalInterval }, lang);
  const notes = document.createElement('p');
  notes.className = 'hint';
  notes.textContent = compact
    ? `${STATS_TEXT.rangeNote[lang]} ${STATS_TEXT.compactNote[lang]}`
    : STATS_TEXT.rangeNote[lang];
  container.replaceChildren(node, notes);
}
