// zod 4 compiles fast parsers with `new Function` when it can, and probes for it once when the
// first object schema is made. Under our CSP (no 'unsafe-eval') the probe throws, zod falls back
// to its interpreter, and the browser still reports a CSP violation (Lighthouse counts it as an
// error). libsodium itself never evaluates code. In the browser build, each `const F = Function`
// in zod becomes a function that throws EvalError, exactly what the CSP does, so zod takes the
// same fallback without ever asking the browser to evaluate a string.
import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

const FILES = /[\\/]zod[\\/]v4[\\/]core[\\/](util|doc|compile)\.js$/;
const CONSTRUCTOR = 'const F = Function;';
const REFUSED =
  'const F = function () { throw new EvalError("no code generation in the browser build"); };';

export const zodWithoutEval: Plugin = {
  name: 'zod-without-eval',
  setup(build) {
    build.onLoad({ filter: FILES }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      // A zod upgrade that changes this line must not slip `new Function` back in unnoticed.
      if (!source.includes(CONSTRUCTOR)) {
        throw new Error(`${args.path} no longer has "${CONSTRUCTOR}": check zod-without-eval.ts`);
      }
      return { contents: source.replaceAll(CONSTRUCTOR, REFUSED), loader: 'js' };
    });
  },
};
