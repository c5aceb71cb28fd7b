// Draws one statistics table as its chart plus its data table, and switches page language.
import type { PublicStats } from '../../../../src/statistics/public-query.ts';
import { inLang, showNextLanguage } from '../../lib/i18n.ts';
import { type Bar, renderBars, renderMonths, renderTileMap } from './charts.ts';
import { fullFigure } from './figures.ts';
import { codeLabel, type Lang } from './labels.ts';
import { allBand, renderAllBand, renderDataTable } from './table.ts';
import { STATS_TEXT, type StatsTextKey } from './text.ts';

export function barsOf(table: PublicStats, lang: Lang): Bar[] {
  const d = table.by[0] ?? '';
  return table.cells.map((c) => ({
    code: String(c[d] ?? ''),
    label: codeLabel(d, String(c[d] ?? ''), lang),
    count: c.count,
    interval: c.interval,
  }));
}

/** A one-fact table as a chart (map for regions, columns for months, bars otherwise). */
export function renderChart(
  figure: HTMLElement,
  tableBox: HTMLElement,
  table: PublicStats,
  lang: Lang,
  title: string,
): void {
  // Every figure under 10: one line says so, instead of a chart and a table of "menos de 10".
  const toggle = tableBox.closest('details');
  if (toggle) toggle.hidden = allBand(table);
  if (allBand(table)) {
    renderAllBand(figure, table, lang);
    tableBox.replaceChildren();
    return;
  }
  renderDataTable(tableBox, table, lang, title);
  const bars = barsOf(table, lang);
  const by = table.by[0];
  if (by === 'region') {
    renderTileMap(figure, bars, lang, title);
    const other = bars.find((b) => b.code === 'undisclosed');
    const note = document.createElement('p');
    note.className = 'hint';
    note.textContent = `${inLang(STATS_TEXT.undisclosed, lang)}: ${other ? fullFigure(other, lang) : ''}`;
    figure.append(note);
  } else if (by === 'month') {
    renderMonths(figure, bars, lang);
  } else {
    renderBars(figure, bars, lang);
  }
}

/** Rewrites every translatable text in `lang`. */
export function applyLanguage(lang: Lang): void {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-s]')) {
    const entry = STATS_TEXT[node.dataset.s as StatsTextKey];
    if (entry) node.textContent = inLang(entry, lang);
  }
  for (const node of document.querySelectorAll<HTMLElement>('[data-v]')) {
    const [dimension, code] = (node.dataset.v ?? '').split(':');
    node.textContent = codeLabel(dimension ?? '', code ?? '', lang);
  }
  const button = document.querySelector<HTMLButtonElement>('#switch-lang');
  if (button) showNextLanguage(button, lang);
}
