// The message catalogues: one JSON file per language in web/src/lib/messages, so that a
// translator adds a language with a file and no code. These tests build pages' words the way
// scripts/build-web.ts does, from a folder with a third, half-translated language in it.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineMessages } from '../../scripts/messages-plugin.ts';
import { readCatalogues } from '../../web/src/lib/messages/catalogues.ts';

const LIB = path.join(import.meta.dirname, '..', '..', 'web', 'src', 'lib');
const MESSAGES = path.join(LIB, 'messages');

type Tree = { [key: string]: string | readonly string[] | Tree };
const read = (lang: string): Tree =>
  JSON.parse(readFileSync(path.join(MESSAGES, `${lang}.json`), 'utf8')) as Tree;

/** Every key path in a catalogue, with the kind of value it holds. */
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' || Array.isArray(v)
      ? [`${prefix}${k}:${Array.isArray(v) ? `list of ${v.length}` : 'text'}`]
      : keys(v as Tree, `${prefix}${k}.`),
  );
}

/** `entry` bundled for a page, with the messages plugin, as one script. */
async function bundleForBrowser(entry: string, format: 'iife' | 'esm'): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format,
    platform: 'browser',
    plugins: [inlineMessages],
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

describe('the catalogues shipped', () => {
  it('offers Spanish first, then every other file in the folder', () => {
    const langs = Object.keys(readCatalogues(MESSAGES));
    expect(langs[0]).toBe('es');
    expect(langs).toContain('en');
  });

  it('has every Spanish message in English too, and nothing Spanish does not have', () => {
    expect(keys(read('en')).sort()).toEqual(keys(read('es')).sort());
  });
});

describe('a new language is a new file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vs-messages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // The browser's lookup, copied beside a messages folder that holds a half-done third language.
  const messages = path.join(dir, 'messages');
  mkdirSync(messages);
  copyFileSync(path.join(LIB, 'i18n.ts'), path.join(dir, 'i18n.ts'));
  copyFileSync(path.join(MESSAGES, 'catalogues.ts'), path.join(messages, 'catalogues.ts'));
  for (const l of ['es', 'en'])
    copyFileSync(path.join(MESSAGES, `${l}.json`), path.join(messages, `${l}.json`));
  writeFileSync(
    path.join(messages, 'qu.json'),
    JSON.stringify({ language: { name: 'QU-name' }, form: { start: 'QU-start', next: '' } }),
  );
  writeFileSync(
    path.join(dir, 'page.ts'),
    `import { formatMonth, LANGS, LANGUAGE, inLang, nextLang, t } from './i18n.ts';
     (globalThis as any).seen = LANGS.map((l) => ({
       lang: l, start: t('start', l), next: t('next', l), name: inLang(LANGUAGE.name, l),
       after: nextLang(l), month: formatMonth('2026-03', l),
     }));`,
  );

  const bundle = (): Promise<string> => bundleForBrowser(path.join(dir, 'page.ts'), 'iife');

  it('adds the language to the pages, after Spanish and English, with no code', async () => {
    const code = await bundle();
    expect(code).not.toMatch(/node:fs|readdirSync/);
    const context: { seen?: Array<Record<string, string>> } = {};
    runInNewContext(code, context);
    expect(context.seen?.map((s) => s.lang)).toEqual(['es', 'en', 'qu']);
    const qu = context.seen?.[2];
    expect(qu?.start).toBe('QU-start');
    expect(qu?.name).toBe('QU-name');
    // The switch goes round: Spanish, English, the new one, and back to Spanish.
    expect(context.seen?.map((s) => s.after)).toEqual(['en', 'qu', 'es']);
  });

  it('shows Spanish, never a blank, for what the new language does not have yet', async () => {
    const context: { seen?: Array<Record<string, string>> } = {};
    runInNewContext(await bundle(), context);
    const [es, , qu] = context.seen ?? [];
    expect(qu?.next).toBe('Siguiente'); // given as "" in qu.json
    expect(qu?.next).toBe(es?.next);
    expect(qu?.month).toBe('marzo de 2026'); // no dates in qu.json at all
  });

  it('reads the same languages in Node, where the page writers run', () => {
    expect(Object.keys(readCatalogues(messages))).toEqual(['es', 'en', 'qu']);
  });
});

describe('what a page carries', () => {
  it('leaves out the namespaces the page does not import (the form has no staff words)', async () => {
    const code = await bundleForBrowser(path.join(LIB, 'i18n.ts'), 'esm');
    expect(code).toContain('Tell us what happened');
    expect(code).not.toContain('Sign in to the workspace');
    expect(code).not.toContain('Violence against sex workers in Peru');
  });
});
