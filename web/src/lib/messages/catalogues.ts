// Every message catalogue in this folder, by language: <lang>.json is one language (its name is
// the file's, e.g. qu.json for Quechua), es.json is the one every other falls back to, and the
// pages offer the languages in this order: Spanish first, then the others by file name. Adding
// a language is adding a file here, and nothing else.
//
// This module runs as written in Node (the page writers at build time, the tests). In the
// browser bundles scripts/messages-plugin.ts replaces it with the same data inlined, one export
// per namespace, so that a page carries only the namespaces it imports.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type ES from './es.json';

export type Messages = typeof ES;
export type Namespace = keyof Messages;
/** One namespace in every language: whole in Spanish, perhaps missing keys in the others. */
export type PerLang<N extends Namespace> = {
  readonly es: Messages[N];
  readonly [lang: string]: Partial<Messages[N]> | undefined;
};

export const BASE_LANG = 'es';
const FILE = /^([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.json$/;

/** The catalogues in `dir`, Spanish first. */
export function readCatalogues(dir: string): Record<string, Partial<Messages>> {
  const langs = readdirSync(dir)
    .map((f) => FILE.exec(f)?.[1])
    .filter((l): l is string => l !== undefined)
    .sort((a, b) => Number(b === BASE_LANG) - Number(a === BASE_LANG) || a.localeCompare(b));
  if (langs[0] !== BASE_LANG) throw new Error(`no ${BASE_LANG}.json in ${dir}`);
  return Object.fromEntries(
    langs.map((l) => [l, JSON.parse(readFileSync(path.join(dir, `${l}.json`), 'utf8'))]),
  );
}

export const MESSAGES_DIR = path.dirname(fileURLToPath(import.meta.url));
const ALL = readCatalogues(MESSAGES_DIR);

export const LANGS: readonly string[] = Object.keys(ALL);

function ns<N extends Namespace>(name: N): PerLang<N> {
  return Object.fromEntries(Object.entries(ALL).map(([l, c]) => [l, c[name]])) as PerLang<N>;
}

export const language = ns('language');
export const dates = ns('dates');
export const form = ns('form');
export const contactMethod = ns('contactMethod');
export const legalNeed = ns('legalNeed');
export const followUp = ns('followUp');
export const workspace = ns('workspace');
export const report = ns('report');
export const roles = ns('roles');
export const errors = ns('errors');
export const triage = ns('triage');
export const caseStatus = ns('caseStatus');
export const audit = ns('audit');
export const stats = ns('stats');
export const dimensions = ns('dimensions');
export const release = ns('release');
