// Labels for every statistics dimension, in Spanish and English. Pure: used at build time and
// in the browser.
import { GBV_TYPES } from '../../../src/gbvims.ts';
import type { Dimension } from '../../../src/stats.ts';
import {
  AGE_BANDS,
  CHANNELS,
  IDENTITIES,
  type Label,
  NATIONALITIES,
  PERPETRATORS,
  REGIONS,
  REPORTED,
  SETTINGS,
  VIOLENCE,
} from '../../../src/vocabulary.ts';
import { MONTH_NAMES } from '../i18n.ts';

export type Lang = 'es' | 'en';

const LISTS: Record<Exclude<Dimension, 'month'>, ReadonlyArray<readonly [string, Label]>> = {
  region: REGIONS,
  perpetrator: PERPETRATORS,
  violence: VIOLENCE,
  identity: IDENTITIES,
  ageBand: AGE_BANDS,
  nationality: NATIONALITIES,
  setting: SETTINGS,
  reportedToAuthority: REPORTED,
  channel: CHANNELS,
  gbvType: GBV_TYPES,
};

export const DIMENSION_LABELS: Record<Dimension, Label> = {
  month: { es: 'Mes', en: 'Month' },
  region: { es: 'Región', en: 'Region' },
  perpetrator: { es: 'Quién lo hizo', en: 'Perpetrator' },
  violence: { es: 'Tipo de violencia', en: 'Type of violence' },
  identity: { es: 'Identidad', en: 'Identity' },
  ageBand: { es: 'Edad', en: 'Age' },
  nationality: { es: 'Nacionalidad', en: 'Nationality' },
  setting: { es: 'Lugar', en: 'Setting' },
  reportedToAuthority: { es: 'Denunciado a una autoridad', en: 'Reported to an authority' },
  channel: { es: 'Quién llenó el formulario', en: 'Who filled in the form' },
  gbvType: { es: 'Tipo principal (GBVIMS)', en: 'Primary type (GBVIMS)' },
};

/** A month as people read it: "mar 2026". */
export function monthLabel(month: string, lang: Lang): string {
  const [year, m] = month.split('-');
  const name = MONTH_NAMES[lang][Number(m) - 1] ?? m ?? '';
  return `${name.slice(0, 3).toLowerCase()} ${year}`;
}

export function codeLabel(dimension: string, code: string, lang: Lang): string {
  if (dimension === 'month') return monthLabel(code, lang);
  const list = LISTS[dimension as Exclude<Dimension, 'month'>];
  return list?.find(([c]) => c === code)?.[1][lang] ?? code;
}

export function codesOf(dimension: Exclude<Dimension, 'month'>): string[] {
  return LISTS[dimension].map(([c]) => c);
}
