// Charts drawn by our own code: HTML bars (labels wrap on a small phone, and text keeps the
// page's size: an SVG scaled down to a phone's width shrank the month labels to 7 px) and a small
// SVG for the map. No chart library: these charts need a few hundred lines,
// stay readable with the page's own fonts, print as vectors, need no inline styles (widths are
// set through the CSSOM, which the CSP allows), and add nothing to download from anywhere.

import { inLang } from '../../lib/i18n.ts';
import { type Figure, fullFigure, isBand, shortFigure } from './figures.ts';
import type { Lang } from './labels.ts';
import { STATS_TEXT } from './text.ts';

export type Bar = Figure & { code: string; label: string };

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/**
 * Horizontal bars, longest first (or in the given order, for months). A small figure is a hatched
 * marker that says "menos de 10" instead of a bar: its length would suggest a precision the noise
 * does not have, and a short bar would read as zero. A legend under the list says what it means.
 */
export function renderBars(
  container: HTMLElement,
  bars: readonly Bar[],
  lang: Lang,
  options: { inOrder?: boolean; className?: string } = {},
): void {
  const max = Math.max(1, ...bars.map((b) => b.count));
  // A plain list of labels and numbers: screen readers read it as it is.
  const list = el('ol', options.className ? `bars ${options.className}` : 'bars');
  const sorted = options.inOrder ? bars : [...bars].sort((a, b) => b.count - a.count);
  for (const bar of sorted) {
    const item = el('li', 'bar-row');
    item.append(el('span', 'bar-label', bar.label));
    const track = el('span', 'bar-track');
    if (isBand(bar)) {
      item.classList.add('band');
      track.append(el('span', 'bar-hidden', fullFigure(bar, lang)));
    } else {
      const fill = el('span', 'bar-fill');
      fill.style.width = `${(100 * bar.count) / max}%`;
      track.append(fill, el('span', 'bar-value', fullFigure(bar, lang)));
    }
    item.append(track);
    list.append(item);
  }
  container.replaceChildren(list);
  if (bars.some(isBand)) {
    const legend = el('p', 'hint band-legend');
    const swatch = el('span', 'band-swatch');
    swatch.setAttribute('aria-hidden', 'true');
    legend.append(swatch, inLang(STATS_TEXT.bandLegend, lang));
    container.append(legend);
  }
}

/** Months in time order, one line each, so that labels keep the page's size on a phone. */
export function renderMonths(container: HTMLElement, bars: readonly Bar[], lang: Lang): void {
  renderBars(container, bars, lang, { inOrder: true, className: 'months' });
}

// A schematic tile map of Peru's departments: [code, column, row, short name]. Lima
// Metropolitana (1501) sits beside Callao and apart from the rest of Lima (15).
export const TILES: ReadonlyArray<readonly [string, number, number, string]> = [
  ['24', 0, 0, 'TUM'],
  ['16', 3, 0, 'LOR'],
  ['20', 0, 1, 'PIU'],
  ['06', 1, 1, 'CAJ'],
  ['01', 2, 1, 'AMA'],
  ['22', 3, 1, 'SAM'],
  ['14', 0, 2, 'LAM'],
  ['13', 1, 2, 'LAL'],
  ['10', 2, 2, 'HUC'],
  ['25', 3, 2, 'UCA'],
  ['02', 1, 3, 'ANC'],
  ['19', 2, 3, 'PAS'],
  ['12', 3, 3, 'JUN'],
  ['07', 0, 4, 'CAL'],
  ['1501', 1, 4, 'LMA'],
  ['15', 2, 4, 'LIM'],
  ['09', 3, 4, 'HUV'],
  ['08', 4, 4, 'CUS'],
  ['17', 5, 4, 'MDD'],
  ['11', 1, 5, 'ICA'],
  ['05', 2, 5, 'AYA'],
  ['03', 3, 5, 'APU'],
  ['21', 4, 5, 'PUN'],
  ['04', 2, 6, 'ARE'],
  ['18', 3, 6, 'MOQ'],
  ['23', 4, 6, 'TAC'],
];
const SHADES = ['#e3f0f1', '#b1d5da', '#7cb8c0', '#2f7f8a', '#0b4f5b'];

/** The map: darker is more reports; tiles under 10 are hatched and say so. */
export function renderTileMap(
  container: HTMLElement,
  bars: readonly Bar[],
  lang: Lang,
  title: string,
): void {
  const byCode = new Map(bars.map((b) => [b.code, b]));
  const max = Math.max(1, ...bars.map((b) => b.count));
  const size = 58;
  const root = svg('svg', {
    viewBox: `0 0 ${6 * size} ${7 * size}`,
    role: 'img',
    class: 'tile-map',
  });
  const label = svg('title', {});
  label.textContent = title;
  root.append(label);
  const defs = svg('defs', {});
  const pattern = svg('pattern', {
    id: 'hatch',
    width: 6,
    height: 6,
    patternUnits: 'userSpaceOnUse',
    patternTransform: 'rotate(45)',
  });
  pattern.append(svg('rect', { width: 6, height: 6, fill: '#ffffff' }));
  pattern.append(svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#6b6b78', 'stroke-width': 2 }));
  defs.append(pattern);
  root.append(defs);
  for (const [code, col, row, short] of TILES) {
    const bar = byCode.get(code);
    const small = !bar || isBand(bar);
    const count = bar?.count ?? 0;
    const shade = small ? 0 : Math.min(4, Math.floor((5 * count) / (max + 1)));
    const g = svg('g', { class: 'tile', transform: `translate(${col * size},${row * size})` });
    const tip = svg('title', {});
    tip.textContent = `${bar?.label ?? code}: ${bar ? fullFigure(bar, lang) : ''}`;
    g.append(tip);
    g.append(
      svg('rect', {
        x: 2,
        y: 2,
        width: size - 4,
        height: size - 4,
        rx: 4,
        fill: small ? 'url(#hatch)' : (SHADES[shade] ?? '#fff'),
        stroke: '#8c8c99',
      }),
    );
    const dark = !small && shade >= 3;
    const name = svg('text', { x: size / 2, y: 24, class: dark ? 'on-dark' : 'on-light' });
    name.textContent = short;
    const value = svg('text', {
      x: size / 2,
      y: 44,
      class: `value ${dark ? 'on-dark' : 'on-light'}`,
    });
    value.textContent = bar ? shortFigure(bar, lang) : '';
    g.append(name, value);
    root.append(g);
  }
  container.replaceChildren(root);
}
