// Builds the pages people see into web/dist: hashed, minified bundles and the HTML that names
// them. Everything is served by us; nothing comes from another origin.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { renderFollowUpPage } from '../web/src/follow-up-page.ts';
import { renderFormPage } from '../web/src/form-page.ts';
import { renderWorkspacePage } from '../web/src/workspace-page.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'web', 'dist');

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const result = await build({
    entryPoints: {
      form: path.join(ROOT, 'web/src/form/main.ts'),
      workspace: path.join(ROOT, 'web/src/workspace/main.ts'),
      'follow-up': path.join(ROOT, 'web/src/follow-up/main.ts'),
      styles: path.join(ROOT, 'web/src/styles.css'),
      pages: path.join(ROOT, 'web/src/pages.css'),
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
  const pages: Array<[string, string]> = [
    ['index.html', renderFormPage({ script: find('form/main.ts', '.js'), style })],
    [
      'equipo/index.html',
      renderWorkspacePage({ script: find('workspace/main.ts', '.js'), style, pagesStyle }),
    ],
    [
      'seguimiento/index.html',
      renderFollowUpPage({ script: find('follow-up/main.ts', '.js'), style, pagesStyle }),
    ],
  ];
  for (const [file, html] of pages) {
    mkdirSync(path.dirname(path.join(OUT, file)), { recursive: true });
    writeFileSync(path.join(OUT, file), html);
  }
  const sizes = outputs.map(
    ([file, meta]) => `${path.basename(file)} ${(meta.bytes / 1024).toFixed(1)} KiB`,
  );
  process.stdout.write(
    `web: built ${sizes.length + pages.length} files into web/dist (${sizes.join(', ')})\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`web build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
