// The words for the statistics' dimensions and their codes. Pure: used at build time and in
// the browser.

import { GBV_TYPES } from '../../../../src/shared/gbvims.ts';
import type { Dimension } from '../../../../src/statistics/tables.ts';
import { inLang, type Lang, monthNames, pairs, type Said } from '../../lib/i18n.ts';
import { dimensions } from '../../lib/messages/catalogues.ts';
import { choices, type List, label, type VocabList } from '../../lib/vocab-lists.ts';

export type { Lang };

export const DIMENSION_LABELS: Record<Dimension, Said> = /* @__PURE__ */ pairs(dimensions);

/** Each dimension's list of codes: the form's list of the same facts. */
const LIST_OF: Record<Exclude<Dimension, 'month'>, VocabList | List> = {
  region: 'region',
  perpetrator: 'perpetrators',
  violence: 'violence',
  identity: 'identity',
  ageBand: 'ageBand',
  nationality: 'nationality',
  setting: 'setting',
  reportedToAuthority: 'reportedToAuthority',
  channel: 'channel',
  gbvType: GBV_TYPES,
};

/** A dimension's name in `lang`, or the name as given if it is not one. */
export function dimensionLabel(dimension: string, lang: Lang): string {
  const said = DIMENSION_LABELS[dimension as Dimension] as Said | undefined;
  return said ? inLang(said, lang) : dimension;
}

/** A month as people read it: "mar 2026". */
export function monthLabel(month: string, lang: Lang): string {
  const [year, m] = month.split('-');
  const name = monthNames(lang)[Number(m) - 1] ?? m ?? '';
  return `${name.slice(0, 3).toLowerCase()} ${year}`;
}

export function codeLabel(dimension: string, code: string, lang: Lang): string {
  if (dimension === 'month') return monthLabel(code, lang);
  const list = LIST_OF[dimension as Exclude<Dimension, 'month'>] as VocabList | List | undefined;
  return list ? inLang(label(list, code), lang) : code;
}

export function codesOf(dimension: Exclude<Dimension, 'month'>): string[] {
  const list = LIST_OF[dimension];
  return (typeof list === 'string' ? choices(list) : list).map(([c]) => c);
}
