// The document head every page shares: no referrer, no favicon request, only our own styles
// and one module script.
import { DEFAULT_LANG, inLang, LANGUAGE, nextLang } from '../src/lib/i18n.ts';

export type HeadOptions = {
  /** Already-escaped title text (and attributes for the form's translatable title). */
  title: string;
  titleAttrs?: string;
  styles: readonly string[];
  script: string;
  /** Pages for reporters and staff are kept out of search engines. */
  noindex?: boolean;
};

export function pageHead(o: HeadOptions): string {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${o.noindex ? '<meta name="robots" content="noindex">\n' : ''}<link rel="icon" href="data:,">
<title${o.titleAttrs ? ` ${o.titleAttrs}` : ''}>${o.title}</title>
${o.styles.map((s) => `<link rel="stylesheet" href="/${s}">`).join('\n')}
<script type="module" src="/${o.script}"></script>
</head>`;
}

/** Text made safe to write into HTML, between tags or in a quoted attribute. */
export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const NEXT = nextLang(DEFAULT_LANG);
/** The language button every page shows: it offers the next language in its own words. */
export const LANG_SWITCH = `<button type="button" class="lang" id="switch-lang" lang="${NEXT}" aria-label="${esc(inLang(LANGUAGE.switchTo, NEXT))}">${esc(inLang(LANGUAGE.name, NEXT))}</button>`;

/**
 * Writes, at build time, an element holding a catalogue's Spanish text, marked with its key so
 * the browser can switch it to English in place (web/src/lib/live-lang.ts).
 */
export function textTag<K extends string>(
  catalogue: Readonly<Record<K, { readonly es: string }>>,
): (key: K, tag: string, attrs?: string) => string {
  return (key, tag, attrs = '') =>
    `<${tag}${attrs ? ` ${attrs}` : ''} data-t="${key}">${esc(catalogue[key].es)}</${tag}>`;
}

/** The assets of a page drawn in the browser (follow-up, workspace, 404). */
export type LivePageAssets = { script: string; style: string; pagesStyle: string };

/**
 * The start of a page drawn in the browser from a catalogue (follow-up, workspace): its head,
 * with the catalogue's page title, and the skip link.
 */
export function livePageStart(
  catalogue: Readonly<Record<'pageTitle' | 'skipLink', { readonly es: string }>>,
  assets: LivePageAssets,
): string {
  const tx = textTag(catalogue);
  return `${pageHead({ title: esc(catalogue.pageTitle.es), titleAttrs: 'data-t="pageTitle"', styles: [assets.style, assets.pagesStyle], script: assets.script, noindex: true })}
<body>
${tx('skipLink', 'a', 'class="skip-link" href="#main"')}`;
}
