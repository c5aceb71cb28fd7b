// Charts drawn by our own code: HTML bars (labels wrap on a small phone) and small SVGs for the
// map and the monthly trend. No chart library: these four charts need a few hundred lines,
// stay readable with the page's own fonts, print as vectors, need no inline styles (widths are
// set through the CSSOM, which the CSP allows), and add nothing to download from anywhere.

import { type Figure, fullFigure, isBand, shortFigure } from './figures.ts';
import type { Lang } from './labels.ts';

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
 * Horizontal bars, longest first. A small figure is a hatched stub that says "menos de 10": its
 * length would suggest a precision the noise does not have.
 */
export function renderBars(container: HTMLElement, bars: readonly Bar[], lang: Lang): void {
  const max = Math.max(1, ...bars.map((b) => b.count));
  // A plain list of labels and numbers: screen readers read it as it is.
  const list = el('ol', 'bars');
  const sorted = [...bars].sort((a, b) => b.count - a.count);
  for (const bar of sorted) {
    const item = el('li', 'bar-row');
    item.append(el('span', 'bar-label', bar.label));
    const track = el('span', 'bar-track');
    if (isBand(bar)) {
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

/** Monthly columns with the largest month marked; months under 10 get a hatched stub. */
export function renderTrend(
  container: HTMLElement,
  bars: readonly Bar[],
  lang: Lang,
  title: string,
): void {
  const width = 640;
  const height = 220;
  const left = 36;
  const bottom = 30;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const step = (width - left) / Math.max(1, bars.length);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'trend' });
  const label = svg('title', {});
  label.textContent = title;
  root.append(label);
  root.append(
    svg('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, class: 'axis' }),
  );
  const top = svg('text', { x: left - 4, y: 14, class: 'axis-label end' });
  top.textContent = `≈ ${max.toLocaleString(lang === 'es' ? 'es-PE' : 'en')}`;
  root.append(top);
  const every = Math.max(1, Math.ceil(bars.length / 8));
  bars.forEach((bar, i) => {
    const x = left + i * step;
    const g = svg('g', {});
    const tip = svg('title', {});
    tip.textContent = `${bar.label}: ${fullFigure(bar, lang)}`;
    g.append(tip);
    if (isBand(bar)) {
      g.append(
        svg('rect', {
          x: x + 1,
          y: height - bottom - 8,
          width: Math.max(1, step - 2),
          height: 8,
          fill: 'url(#trend-hatch)',
          class: 'hidden-stub',
        }),
      );
    } else {
      const h = ((height - bottom - 20) * bar.count) / max;
      g.append(
        svg('rect', {
          x: x + 1,
          y: height - bottom - h,
          width: Math.max(1, step - 2),
          height: h,
          class: 'column',
        }),
      );
    }
    if (i % every === 0) {
      const tick = svg('text', { x: x + step / 2, y: height - 10, class: 'axis-label middle' });
      tick.textContent = bar.label;
      g.append(tick);
    }
    root.append(g);
  });
  const defs = svg('defs', {});
  const pattern = svg('pattern', {
    id: 'trend-hatch',
    width: 4,
    height: 4,
    patternUnits: 'userSpaceOnUse',
    patternTransform: 'rotate(45)',
  });
  pattern.append(svg('line', { x1: 0, y1: 0, x2: 0, y2: 4, stroke: '#6b6b78', 'stroke-width': 2 }));
  defs.append(pattern);
  root.prepend(defs);
  container.replaceChildren(root);
}
