// npm run test:faults: the fault-injection cases of the operations issue, run as the operator's
// tools and a real server meet them. Each case is a test that fails if anything acknowledged is
// lost or a limit is not kept; this script runs them together and says which is which.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const CASES: Array<[string, string]> = [
  [
    'restore under load: every acknowledged id found exactly once',
    'tests/scripts/restore-under-load.test.ts',
  ],
  [
    'backup under load: 100 reports/s on a 50 MB database',
    'tests/scripts/backup-under-load.test.ts',
  ],
  [
    'shutdown with a half-sent request: exits by its deadline',
    'tests/scripts/shutdown-deadline.test.ts',
  ],
  ['WAL bound under steady writes, emptied when writes pause', 'tests/db/checkpointer.test.ts'],
  ['withdrawn content gone from the WAL', 'tests/scripts/withdrawn-wal.test.ts'],
  ['full disk: 503 with Retry-After, reads still answered', 'tests/api/storage-failure.test.ts'],
  ['full disk: one log line, then a count a minute', 'tests/api/storage-log.test.ts'],
  [
    'shedding by time queued (the rule; figures at 500 connections: npm run bench)',
    'tests/api/guards/queue-shedder.test.ts',
  ],
];

let failed = 0;
for (const [name, file] of CASES) {
  process.stdout.write(`\n== ${name}\n`);
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', file],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (run.status !== 0) failed++;
  process.stdout.write(`== ${run.status === 0 ? 'ok' : 'FAILED'}: ${name}\n`);
}
// The kill -9 case: every acknowledged report is found after a crash (scripts/test-durability.ts).
process.stdout.write('\n== kill -9 under load: every acknowledged report found after restart\n');
const durability = spawnSync(
  process.execPath,
  [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/test-durability.ts'],
  { cwd: ROOT, stdio: 'inherit' },
);
if (durability.status !== 0) failed++;
process.stdout.write(
  `\ntest:faults: ${CASES.length + 1 - failed} of ${CASES.length + 1} cases passed\n`,
);
process.exit(failed ? 1 : 0);
