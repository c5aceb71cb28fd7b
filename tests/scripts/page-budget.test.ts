// The page weight budget, enforced on the built files rather than only printed by
// `npm run bench`: the form's first screen (its HTML, the CSS and JS it loads before anything
// else, following static imports) fits in 30 KB compressed, and libsodium is reached only through
// a dynamic import(), so it loads after the form is usable.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');
const BUDGET_BYTES = 30 * 1024;

/** Local files a page or script loads before it can run, and those it loads only on demand. */
function references(file: string): { eager: string[]; lazy: string[] } {
  const text = readFileSync(path.join(DIST, file), 'utf8');
  const local = (ref: string): string => ref.replace(/^\.?\//, '');
  if (file.endsWith('.html')) {
    const eager = [
      ...text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
      ...text.matchAll(/<link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*href="([^"]+)"/g),
    ].map((m) => local(m[1] ?? ''));
    // The form's sealing worker, started by its script after first paint.
    const lazy = [...text.matchAll(/\sdata-sealer="([^"]+)"/g)].map((m) => local(m[1] ?? ''));
    return { eager, lazy };
  }
  if (!file.endsWith('.js')) return { eager: [], lazy: [] };
  const eager = [...text.matchAll(/(?:from|import)\s*"(\.\/[^"]+)"/g)].map((m) =>
    local(m[1] ?? ''),
  );
  const lazy = [...text.matchAll(/import\(\s*"(\.\/[^"]+)"\s*\)/g)].map((m) => local(m[1] ?? ''));
  return { eager, lazy };
}

/** What `start` loads before it can run; with `lazy`, also everything it may load later. */
function closure(start: string, lazy = false): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const refs = references(file);
    for (const next of lazy ? [...refs.eager, ...refs.lazy] : refs.eager) visit(next);
  };
  visit(start);
  return seen;
}

const brotliSize = (file: string): number => statSync(path.join(DIST, `${file}.br`)).size;

describe('the form page weight budget', () => {
  it('has the built pages to check (npm test builds them first)', () => {
    expect(existsSync(path.join(DIST, 'index.html'))).toBe(true);
  });

  it('fits the first screen in 30 KB compressed (brotli)', () => {
    const firstScreen = [...closure('index.html')];
    // HTML, at least one stylesheet and the form's script.
    expect(firstScreen.some((f) => f.endsWith('.css'))).toBe(true);
    expect(firstScreen.some((f) => /^form\..*\.js$/.test(f))).toBe(true);
    const total = firstScreen.reduce((sum, f) => sum + brotliSize(f), 0);
    const detail = firstScreen.map((f) => `${f}: ${brotliSize(f)} B`).join(', ');
    expect(total, detail).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('reaches libsodium only through a dynamic import, after the first screen', () => {
    const hasSodium = (f: string): boolean =>
      f.endsWith('.js') && readFileSync(path.join(DIST, f), 'utf8').includes('libsodium');
    const firstScreen = [...closure('index.html')];
    expect(firstScreen.filter(hasSodium)).toEqual([]);
    // ...and it is reachable at all: the worker or a dynamically imported script leads to it.
    const lazy = firstScreen.flatMap((f) => references(f).lazy);
    expect(lazy.length).toBeGreaterThan(0);
    const later = new Set(lazy.flatMap((f) => [...closure(f, true)]));
    expect([...later].some(hasSodium)).toBe(true);
  });
});

describe('what the service worker stores', () => {
  const stored = (): string[] =>
    [...readFileSync(path.join(DIST, 'sw.js'), 'utf8').matchAll(/"\/([\w.-]+\.(?:js|css))"/g)].map(
      (m) => m[1] ?? '',
    );

  it('stores everything the form needs to seal and save a report offline', () => {
    const needed = new Set([...closure('index.html', true)].filter((f) => f !== 'index.html'));
    // The sealing worker and libsodium among them.
    expect([...needed].some((f) => f.startsWith('seal-worker.'))).toBe(true);
    expect(needed.size).toBeGreaterThan(3);
    expect(stored().sort()).toEqual([...needed].sort());
  });

  it('stores nothing of the other pages, which a reporter does not need', () => {
    const others = [
      'estadisticas.html',
      'publicacion.html',
      'equipo/index.html',
      'seguimiento/index.html',
    ]
      .flatMap((page) => [...closure(page)])
      .filter((f) => /^(workspace|stats|release|follow-up|pages|stats-styles)\./.test(f));
    expect(others.length).toBeGreaterThan(3);
    for (const f of others) expect(stored()).not.toContain(f);
  });
});
