// npm run bench: every benchmark in one run on this machine. The submission benchmark runs
// last, so the final line is `submit/bare ratio: <number>`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const SUITES = [
  'bench-page.ts',
  'bench-pages.ts',
  'bench-stats.ts',
  'bench-public-stats.ts',
  'bench-login-flood.ts',
  'bench-submit.ts',
];

for (const suite of SUITES) {
  const result = spawnSync(process.execPath, [TSX, path.join(ROOT, 'scripts', suite)], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.stderr.write(`bench: ${suite} failed\n`);
    process.exit(result.status ?? 1);
  }
}
