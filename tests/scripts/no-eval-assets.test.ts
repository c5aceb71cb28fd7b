// The pages' CSP has no 'unsafe-eval' (tests/api/response-headers.test.ts), so a script that so
// much as tries to evaluate a string gets a CSP violation reported, which Lighthouse counts as
// a console error. zod probes for `new Function` (scripts/zod-without-eval.ts takes that out);
// libsodium only compiles its WebAssembly ('wasm-unsafe-eval'). This keeps every built script,
// and the reporter pages' libsodium above all, free of string evaluation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

// `eval(…)`, and the Function constructor however it is reached: `new Function(…)`,
// `Function(…)`, or `let F = Function` for later. `addFunction`, `.Function` and strings such
// as "AsyncFunction" are not it.
const EVALUATES = /(?<![\w$.])eval\s*\(|(?<![\w$.'"])Function\b(?!['"])/;

const scripts = (): string[] =>
  existsSync(DIST) ? readdirSync(DIST).filter((f) => f.endsWith('.js')) : [];

describe('the built scripts evaluate no strings', () => {
  it('has the built scripts to check, libsodium among them (npm test builds them first)', () => {
    expect(scripts().some((f) => f.startsWith('libsodium-wrappers.'))).toBe(true);
  });

  it('finds neither eval nor the Function constructor in any of them', () => {
    const found = scripts().flatMap((file) => {
      const text = readFileSync(path.join(DIST, file), 'utf8');
      const m = EVALUATES.exec(text);
      return m ? [`${file}: …${text.slice(Math.max(0, m.index - 60), m.index + 40)}…`] : [];
    });
    expect(found).toEqual([]);
  });
});
