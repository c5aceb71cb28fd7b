// Every list of choices the pages show, by name, and the words for one of its codes. Pure:
// shared by the page writer, the form, the workspace and the statistics pages. The labels of
// the reference vocabulary are src/shared's; those of the legal-aid lists are the catalogues'.
// The statistics' GBVIMS types are not a choice in the form: web/src/pages/stats/labels.ts.
import {
  AGE_BANDS,
  CHANNELS,
  IDENTITIES,
  NATIONALITIES,
  PERPETRATORS,
  REGIONS,
  REPORTED,
  SETTINGS,
  VIOLENCE,
} from '../../../src/shared/vocabulary.ts';
import { CONTACT_METHOD_LABELS, inLang, type Lang, LEGAL_NEED_LABELS, type Said } from './i18n.ts';

export type List = ReadonlyArray<readonly [string, Said]>;

export const VOCAB_LISTS = {
  channel: CHANNELS,
  region: REGIONS,
  perpetrators: PERPETRATORS,
  violence: VIOLENCE,
  identity: IDENTITIES,
  ageBand: AGE_BANDS,
  nationality: NATIONALITIES,
  setting: SETTINGS,
  reportedToAuthority: REPORTED,
  contactMethod: Object.entries(CONTACT_METHOD_LABELS),
  needs: Object.entries(LEGAL_NEED_LABELS),
} as const satisfies Record<string, List>;
export type VocabList = keyof typeof VOCAB_LISTS;

/** A list's choices, as code and words. */
export function choices(list: VocabList): List {
  return VOCAB_LISTS[list];
}

/** The words for one code of a list; the code itself if the list does not have it. */
export function label(list: VocabList | List, code: string): Said {
  const entries = typeof list === 'string' ? choices(list) : list;
  return entries.find(([c]) => c === code)?.[1] ?? { es: code };
}

/** Several codes of a list, in one language: "Policía, Serenazgo". */
export function labels(list: VocabList, codes: readonly string[]): (lang: Lang) => string {
  return (l) => codes.map((c) => inLang(label(list, c), l)).join(', ');
}
