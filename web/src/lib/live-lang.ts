// One language at a time on the pages drawn in the browser (follow-up, workspace), switched in
// place with the same button as the form. Like the form, the choice lives only in this page's
// memory: nothing in storage, cookies or the URL, so a shared phone keeps no trace of it.
import { h } from './dom.ts';
import { DEFAULT_LANG, inLang, LANGUAGE, type Lang, nextLang, type Said } from './i18n.ts';

/** What to write: a message from a catalogue, or a function of the language (dates, numbers). */
export type Words = Said | ((lang: Lang) => string);
export type Catalogue = Readonly<Record<string, Said>>;

let current: Lang = DEFAULT_LANG;
// Each element's words, by attribute ('' is the text itself), to write again on a switch.
const said = new WeakMap<Element, Map<string, Words>>();

export function lang(): Lang {
  return current;
}

export function words(w: Words, l: Lang = current): string {
  return typeof w === 'function' ? w(l) : inLang(w, l);
}

function write(el: Element, attr: string, w: Words): void {
  if (attr) el.setAttribute(attr, words(w));
  else el.textContent = words(w);
}

/** Writes `w` into the element (or one of its attributes) now and again after each switch. */
export function say<E extends Element>(el: E, w: Words, attr = ''): E {
  let all = said.get(el);
  if (!all) {
    all = new Map();
    said.set(el, all);
  }
  all.set(attr, w);
  el.setAttribute('data-l', '');
  write(el, attr, w);
  return el;
}

/**
 * Puts text that is the same in every language (a name) or nothing (an emptied status line)
 * into an element, so that a switch does not bring its old words back.
 */
export function unsay(el: Element, text = ''): void {
  said.delete(el);
  el.removeAttribute('data-l');
  el.textContent = text;
}

/** A status line: words that follow the language, or '' to empty it. */
export function sayStatus(el: Element, w: Words | ''): void {
  if (w === '') unsay(el);
  else say(el, w);
}

/** An element holding words that follow the language. */
export function tx(
  w: Words,
  tag = 'span',
  attrs: Record<string, string | boolean | undefined> = {},
): HTMLElement {
  return say(h(tag, attrs), w);
}

export function setLanguage(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  for (const el of document.querySelectorAll('[data-l]')) {
    for (const [attr, w] of said.get(el) ?? []) write(el, attr, w);
  }
}

/**
 * Makes the page's written words (`data-t="key"`, and `data-t-label` for an aria-label) follow
 * the language, and the switch button toggle it.
 */
export function installLanguageSwitch(button: HTMLButtonElement, catalogue: Catalogue): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const entry = catalogue[el.dataset.t ?? ''];
    if (entry) say(el, entry);
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-t-label]')) {
    const entry = catalogue[el.dataset.tLabel ?? ''];
    if (entry) say(el, entry, 'aria-label');
  }
  // The button offers the next language in that language's own words.
  say(button, (l) => inLang(LANGUAGE.name, nextLang(l)));
  say(button, (l) => inLang(LANGUAGE.switchTo, nextLang(l)), 'aria-label');
  say(button, nextLang, 'lang');
  button.addEventListener('click', () => setLanguage(nextLang(current)));
}
