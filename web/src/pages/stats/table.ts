// The data table behind every chart: the same figures, with their 90% ranges, readable by screen
// readers and printable.
import type { PublicStats } from '../../../../src/statistics/public-query.ts';
import { inLang } from '../../lib/i18n.ts';
import { fullFigure, isBand } from './figures.ts';
import { codeLabel, dimensionLabel, type Lang } from './labels.ts';
import { STATS_TEXT } from './text.ts';

let tables = 0;

/** True when every figure of the table is under 10: there is nothing to list row by row. */
export function allBand(table: PublicStats): boolean {
  return table.cells.length > 0 && table.cells.every(isBand);
}

/**
 * One line in place of a table whose every figure is under 10, with its total (the heading above
 * already names the table).
 */
export function renderAllBand(container: HTMLElement, table: PublicStats, lang: Lang): void {
  const line = document.createElement('p');
  line.className = 'all-band';
  const total = fullFigure({ count: table.total, interval: table.totalInterval }, lang);
  line.textContent = `${inLang(STATS_TEXT.allBand, lang)} ${inLang(STATS_TEXT.total, lang)}: ${total}.`;
  container.replaceChildren(line);
}

/**
 * One row per cell. Tables of two facts list only the cells of 10 or more (a note says the rest
 * are under 10), so that 351 combinations stay readable; a table with none says so in one line.
 */
export function renderDataTable(
  container: HTMLElement,
  table: PublicStats,
  lang: Lang,
  caption: string,
): void {
  if (allBand(table)) {
    renderAllBand(container, table, lang);
    return;
  }
  const node = document.createElement('table');
  node.className = 'data';
  const cap = document.createElement('caption');
  cap.textContent = caption;
  cap.id = `data-table-${++tables}`;
  node.append(cap);
  const head = node.createTHead().insertRow();
  for (const d of table.by) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = dimensionLabel(d, lang);
    head.append(th);
  }
  const countHead = document.createElement('th');
  countHead.scope = 'col';
  countHead.textContent = inLang(STATS_TEXT.count, lang);
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
  label.textContent = inLang(STATS_TEXT.total, lang);
  foot.append(label);
  const total = foot.insertCell();
  total.className = 'num';
  total.textContent = fullFigure({ count: table.total, interval: table.totalInterval }, lang);
  const notes = document.createElement('p');
  notes.className = 'hint';
  notes.textContent = compact
    ? `${inLang(STATS_TEXT.rangeNote, lang)} ${inLang(STATS_TEXT.compactNote, lang)}`
    : inLang(STATS_TEXT.rangeNote, lang);
  // A wide table scrolls sideways on a phone: the box that scrolls must be reachable by keyboard,
  // and says what it holds when focused. A group, not a region: on the dashboard the chart's
  // section is already a region with the same name, and landmarks must not repeat.
  const scroll = document.createElement('div');
  scroll.className = 'table-scroll';
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'group');
  scroll.setAttribute('aria-labelledby', cap.id);
  scroll.append(node);
  container.replaceChildren(scroll, notes);
}
