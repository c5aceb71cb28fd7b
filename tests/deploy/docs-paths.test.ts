// The docs name files so a newcomer can find where a behaviour lives (docs/architecture.md
// above all). A file that moves or goes must not leave a name behind that leads nowhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOP = ['api', 'db', 'src', 'web', 'scripts', 'tests', 'deploy', 'docs'];
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Every `code span` that is a path into the repository's own folders. */
function namedPaths(text: string): string[] {
  const spans = [...text.matchAll(/`([A-Za-z0-9_./*-]+)`/g)].map((m) => m[1] ?? '');
  return spans.filter(
    (p) => TOP.some((top) => p.startsWith(`${top}/`)) && !p.includes('*') && !p.includes('..'),
  );
}

describe('file names in the docs', () => {
  it('finds enough names to mean something', () => {
    const all = DOCS.flatMap((doc) => namedPaths(readFileSync(path.join(ROOT, doc), 'utf8')));
    expect(all.length).toBeGreaterThan(50);
  });

  for (const doc of DOCS) {
    it(`${doc} names only files and folders that exist`, () => {
      const missing = namedPaths(readFileSync(path.join(ROOT, doc), 'utf8')).filter(
        (p) => !existsSync(path.join(ROOT, p)) && !p.startsWith('web/dist'),
      );
      expect(missing).toEqual([]);
    });
  }
});
