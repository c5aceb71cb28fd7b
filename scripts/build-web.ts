// Builds the pages people see into web/dist: hashed, minified bundles and the HTML that names
// them. Everything is served by us; nothing comes from another origin.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { renderFollowUpPage } from '../web/html/follow-up-page.ts';
import { renderFormPage } from '../web/html/form-page.ts';
import { renderNotFoundPage } from '../web/html/not-found-page.ts';
import { renderReleasePage, renderStatsPage } from '../web/html/stats-page.ts';
import { renderWorkspacePage } from '../web/html/workspace-page.ts';
import { inlineMessages } from './messages-plugin.ts';
import { zodWithoutEval } from './zod-without-eval.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'web', 'dist');

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const result = await build({
    entryPoints: {
      form: path.join(ROOT, 'web/src/pages/form/main.ts'),
      'seal-worker': path.join(ROOT, 'web/src/pages/form/seal-worker.ts'),
      workspace: path.join(ROOT, 'web/src/pages/workspace/main.ts'),
      'follow-up': path.join(ROOT, 'web/src/pages/follow-up/main.ts'),
      styles: path.join(ROOT, 'web/src/styles/styles.css'),
      stats: path.join(ROOT, 'web/src/pages/stats/main.ts'),
      release: path.join(ROOT, 'web/src/pages/release/main.ts'),
      'not-found': path.join(ROOT, 'web/src/pages/not-found/main.ts'),
      'stats-styles': path.join(ROOT, 'web/src/styles/stats.css'),
      pages: path.join(ROOT, 'web/src/styles/pages.css'),
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    entryNames: '[name].[hash]',
    chunkNames: '[name].[hash]',
    outdir: OUT,
    metafile: true,
    logLevel: 'warning',
    plugins: [zodWithoutEval, inlineMessages],
  });
  const outputs = Object.entries(result.metafile.outputs);
  const find = (entry: string, ext: string): string => {
    const hit = outputs.find(
      ([file, meta]) => file.endsWith(ext) && meta.entryPoint?.endsWith(entry),
    );
    if (!hit) throw new Error(`no output for ${entry}`);
    return path.basename(hit[0]);
  };
  const style = find('styles.css', '.css');
  const pagesStyle = find('pages.css', '.css');
  const sealer = find('form/seal-worker.ts', '.js');
  const html = renderFormPage({ script: find('form/main.ts', '.js'), style, sealer });
  const statsStyles = [style, find('stats.css', '.css')];
  const pages: Array<[string, string]> = [
    ['index.html', html],
    [
      'estadisticas.html',
      renderStatsPage({ script: find('stats/main.ts', '.js'), styles: statsStyles }),
    ],
    [
      'publicacion.html',
      renderReleasePage({ script: find('release/main.ts', '.js'), styles: statsStyles }),
    ],
    [
      'equipo/index.html',
      renderWorkspacePage({ script: find('workspace/main.ts', '.js'), style, pagesStyle }),
    ],
    [
      'seguimiento/index.html',
      renderFollowUpPage({ script: find('follow-up/main.ts', '.js'), style, pagesStyle }),
    ],
    // Served with status 404 for any page address the site does not have (api/http/not-found-page.ts).
    [
      '404.html',
      renderNotFoundPage({ script: find('not-found/main.ts', '.js'), style, pagesStyle }),
    ],
  ];
  for (const [file, page] of pages) {
    mkdirSync(path.dirname(path.join(OUT, file)), { recursive: true });
    writeFileSync(path.join(OUT, file), page);
  }
  await buildServiceWorker(
    formAssets(result.metafile, [find('form/main.ts', '.js'), sealer], style),
    html,
  );
  precompress(OUT);
  const sizes = outputs.map(
    ([file, meta]) => `${path.basename(file)} ${(meta.bytes / 1024).toFixed(1)} KiB`,
  );
  process.stdout.write(
    `web: built ${sizes.length + pages.length} files into web/dist (${sizes.join(', ')})\n`,
  );
}

/**
 * What the service worker stores for offline reports: the form's scripts (the page's and the
 * sealing worker's) and every script they import, at once or later (libsodium and the sealing
 * code), and its stylesheet. Nothing of the workspace, the statistics or the follow-up page: a
 * reporter's phone should not spend data on pages it does not use.
 */
function formAssets(metafile: Metafile, scripts: string[], style: string): string[] {
  const byName = new Map(
    Object.entries(metafile.outputs).map(([file, meta]) => [path.basename(file), meta]),
  );
  const seen = new Set<string>([style]);
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const meta = byName.get(name);
    if (!meta) throw new Error(`no output named ${name}`);
    for (const imported of meta.imports)
      if (!imported.external) visit(path.basename(imported.path));
  };
  for (const script of scripts) visit(script);
  return [...seen].map((name) => `/${name}`);
}

/** The service worker lives at /sw.js (unhashed, so its scope is the whole site). */
async function buildServiceWorker(assets: string[], html: string): Promise<void> {
  const version = createHash('sha256')
    .update(html)
    .update(assets.join())
    .digest('hex')
    .slice(0, 12);
  await build({
    entryPoints: [path.join(ROOT, 'web/src/pages/form/sw.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    outfile: path.join(OUT, 'sw.js'),
    define: { __ASSETS__: JSON.stringify(assets), __VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
  });
}

/** Every text asset is served precompressed: brotli for browsers that take it, gzip otherwise. */
function precompress(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      precompress(file);
      continue;
    }
    if (!/\.(html|js|css|json|svg)$/.test(entry.name)) continue;
    const body = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`web build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
