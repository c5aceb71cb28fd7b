// How a noisy figure is written for people: "≈ 140 (135–145)", or "menos de 10" for small ones,
// never a precise-looking small number. The API gives every figure; the pages choose the words.
import { fill, formatNumber, inLang, type Lang } from '../../lib/i18n.ts';
import { STATS_TEXT } from './text.ts';

/** Figures below this are shown as a band, not a number. */
export const BAND = 10;

export type Figure = { count: number; interval: readonly [number, number] };

export const fmt = formatNumber;

export function isBand(f: Figure): boolean {
  return f.count < BAND;
}

/** The short form for charts and maps: "≈ 140" or "< 10". */
export function shortFigure(f: Figure, lang: Lang): string {
  return isBand(f) ? `< ${BAND}` : `≈ ${fmt(f.count, lang)}`;
}

/** The full form for tables and totals: "≈ 140 (135–145)" or "menos de 10". */
export function fullFigure(f: Figure, lang: Lang): string {
  if (isBand(f)) return fill(inLang(STATS_TEXT.fewerThan, lang), { n: BAND });
  return `≈ ${fmt(f.count, lang)} (${fmt(f.interval[0], lang)}–${fmt(f.interval[1], lang)})`;
}
