// The browser's message catalogues. web/src/lib/messages/catalogues.ts reads its folder with
// node:fs, which no browser has. In the bundles, each import of it becomes a module with just
// the names that import asks for (the languages, or namespaces in every language), built from
// the JSON files present when the pages are built. Each namespace is a module of its own, so
// esbuild puts it only in the pages that use it: the form does not carry the workspace's words.
// (esbuild splits pages by module, not by export: one module holding every namespace would
// put all of them on every page.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { BASE_LANG, readCatalogues } from '../web/src/lib/messages/catalogues.ts';

const CATALOGUES = /(^|[\\/])catalogues\.ts$/;
const FOR = 'messages-for';
const NS = 'messages-namespace';
const IMPORT = /import\s*\{([^}]*)\}\s*from\s*['"][^'"]*catalogues\.ts['"]/g;

/** The names a module imports from the catalogues (type-only names are erased anyway). */
export function importedNames(source: string): string[] {
  const names = [...source.matchAll(IMPORT)].flatMap((m) =>
    (m[1] ?? '').split(',').map((n) => n.trim()),
  );
  return names
    .filter((n) => n !== '' && !n.startsWith('type '))
    .map((n) => n.split(/\s+as\s+/)[0] ?? n);
}

/** What one import of the catalogues becomes: the languages, or a namespace's module. */
export function cataloguesModule(dir: string, names: readonly string[]): string {
  const all = readCatalogues(dir);
  return names
    .map((name) => {
      if (name === 'BASE_LANG') return `export const BASE_LANG = ${JSON.stringify(BASE_LANG)};`;
      if (name === 'LANGS') return `export const LANGS = ${JSON.stringify(Object.keys(all))};`;
      if (!(name in (all[BASE_LANG] ?? {}))) throw new Error(`no namespace ${name} in ${dir}`);
      return `export { ${name} } from ${JSON.stringify(`${NS}:${dir}:${name}`)};`;
    })
    .join('\n');
}

/** One namespace in every language that has it. */
export function namespaceModule(dir: string, name: string): string {
  const perLang = Object.entries(readCatalogues(dir)).map(([l, c]) => [
    l,
    (c as Record<string, unknown>)[name],
  ]);
  return `export const ${name} = ${JSON.stringify(Object.fromEntries(perLang))};`;
}

export const inlineMessages: Plugin = {
  name: 'inline-messages',
  setup(build) {
    build.onResolve({ filter: CATALOGUES }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      if (path.basename(path.dirname(file)) !== 'messages') return undefined;
      return { path: `${file}|${args.importer}`, namespace: FOR, sideEffects: false };
    });
    build.onLoad({ filter: /.*/, namespace: FOR }, (args) => {
      const [file = '', importer = ''] = args.path.split('|');
      const names = importedNames(readFileSync(importer, 'utf8'));
      if (names.length === 0) throw new Error(`${importer}: import { names } from catalogues.ts`);
      return { contents: cataloguesModule(path.dirname(file), names), loader: 'js' };
    });
    build.onResolve({ filter: new RegExp(`^${NS}:`) }, (args) => ({
      path: args.path.slice(NS.length + 1),
      namespace: NS,
      sideEffects: false,
    }));
    build.onLoad({ filter: /.*/, namespace: NS }, (args) => {
      const cut = args.path.lastIndexOf(':');
      const dir = args.path.slice(0, cut);
      return { contents: namespaceModule(dir, args.path.slice(cut + 1)), loader: 'js' };
    });
  },
};
