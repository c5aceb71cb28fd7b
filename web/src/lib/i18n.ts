// The one way the pages look up their words: each message is a set of texts by language
// (`Said`), built from the catalogues in ./messages (one JSON file per language), and read with
// `inLang`, which falls back to Spanish for a key a language does not have yet. Also how days,
// months and moments are written in each language. Pure: used at build time to write the pages,
// and in the browser to switch language without touching the URL or storage (live-lang.ts).
import {
  BASE_LANG,
  contactMethod,
  dates,
  LANGS as FILE_LANGS,
  form,
  language,
  legalNeed,
} from './messages/catalogues.ts';

/** A language code, the name of its catalogue file ("es", "en", "qu"...). */
export type Lang = string;
/** One message in every language there is a text for; Spanish always. */
export type Said = { readonly es: string; readonly [lang: string]: string | undefined };

/** The languages the pages offer, Spanish first: one per catalogue file. */
export const LANGS: readonly Lang[] = FILE_LANGS;
export const DEFAULT_LANG: Lang = BASE_LANG;

/** A message's text in `lang`, or in Spanish when that language does not have it. */
export function inLang(s: Said, lang: Lang): string {
  return s[lang] ?? s.es;
}

/** The language after `lang`, for the switch button (Spanish after the last). */
export function nextLang(lang: Lang): Lang {
  return LANGS[(LANGS.indexOf(lang) + 1) % LANGS.length] ?? DEFAULT_LANG;
}

/** A namespace's messages, turned from one catalogue per language into texts by message. */
export function pairs<T extends Record<string, string>>(perLang: {
  readonly es: T;
  readonly [lang: string]: Partial<T> | undefined;
}): { readonly [K in keyof T]: Said } {
  const out: Record<string, Record<string, string>> = {};
  for (const key of Object.keys(perLang.es)) out[key] = {};
  for (const [l, catalogue] of Object.entries(perLang)) {
    for (const [key, text] of Object.entries(catalogue ?? {})) {
      const entry = out[key];
      if (entry && typeof text === 'string' && text !== '') entry[l] = text;
    }
  }
  return out as { readonly [K in keyof T]: Said };
}

export const TEXT = /* @__PURE__ */ pairs(form);
export type TextKey = keyof typeof TEXT;
/** Each language's name, and the words that offer to switch to it. */
export const LANGUAGE = /* @__PURE__ */ pairs(language);
export const CONTACT_METHOD_LABELS = /* @__PURE__ */ pairs(contactMethod);
export const LEGAL_NEED_LABELS = /* @__PURE__ */ pairs(legalNeed);

function dateWords(lang: Lang): (typeof dates)['es'] {
  return { ...dates.es, ...dates[lang] };
}

/** The twelve months' names in `lang`. */
export function monthNames(lang: Lang): readonly string[] {
  return dateWords(lang).months;
}

/** Puts values into a text's {name} places. */
export function fill(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

export function t(key: TextKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return fill(inLang(TEXT[key], lang), vars);
}

/** A day ("2026-12-01") as people read it: "1 de diciembre de 2026" or "1 December 2026". */
export function formatDay(day: string, lang: Lang): string {
  const [y, m, d] = day.split('-').map(Number);
  const words = dateWords(lang);
  const month = words.months[(m ?? 0) - 1];
  if (!y || !month || !d) return day;
  return fill(words.day, { d, month, y });
}

/** A month ("2026-12") as people read it: "diciembre de 2026" or "December 2026". */
export function formatMonth(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number);
  const words = dateWords(lang);
  const name = words.months[(m ?? 0) - 1];
  if (!y || !name) return month;
  return fill(words.month, { month: name, y });
}

/** A number as people read it: "1 234" or "1,234". */
export function formatNumber(n: number, lang: Lang): string {
  return n.toLocaleString(dateWords(lang).numbers);
}

/** A moment in Peru time (the staff and the people they serve are there): "1 de diciembre de 2026, 14:05". */
export function formatMoment(iso: string, lang: Lang): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleString(dateWords(lang).locale, {
    timeZone: 'America/Lima',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** In the browser: the language button offers the language after `lang`, in its own words. */
export function showNextLanguage(button: HTMLElement, lang: Lang): void {
  const next = nextLang(lang);
  button.lang = next;
  button.textContent = inLang(LANGUAGE.name, next);
  button.setAttribute('aria-label', inLang(LANGUAGE.switchTo, next));
}
