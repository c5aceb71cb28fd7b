// Every installed package's licence can be combined with AGPL-3.0-or-later, and
// docs/dependencies.md lists exactly what package-lock.json installs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compatible, entries, render } from '../../scripts/dependency-licences.ts';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));

describe('dependency licences', () => {
  it('docs/dependencies.md is what npm run licences writes from the lock file', () => {
    expect(readFileSync('docs/dependencies.md', 'utf8')).toBe(render(entries(lock)));
  });

  it('every package, runtime and development, has a licence compatible with the AGPL', () => {
    const list = entries(lock);
    expect(list.length).toBeGreaterThan(100);
    expect(list.filter((e) => !compatible(e.licence))).toEqual([]);
    // The runtime ones are the ones a server distributes to its users.
    expect(list.find((e) => e.name === 'fastify')).toMatchObject({ dev: false, licence: 'MIT' });
  });

  it('reads SPDX expressions: OR needs one side, AND needs both, unknown is refused', () => {
    expect(compatible('MIT')).toBe(true);
    expect(compatible('(MIT OR WTFPL)')).toBe(true);
    expect(compatible('(MIT AND Zlib)')).toBe(true);
    expect(compatible('(MIT OR GPL-2.0-only)')).toBe(true);
    expect(compatible('(MIT AND GPL-2.0-only)')).toBe(false);
    expect(compatible('GPL-2.0-only')).toBe(false);
    expect(compatible('SSPL-1.0')).toBe(false);
    expect(compatible('UNKNOWN')).toBe(false);
  });
});
