// Runs the real `reports:open` command against a running server's database.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SealedDocument } from '../../src/contract/envelope.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

export type OpenedReport = SealedDocument & { id: string; receivedDay: string };

export async function runReportsOpen(args: string[], env: Record<string, string> = {}) {
  return run(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      path.join(ROOT, 'scripts', 'reports-open.ts'),
      ...args,
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } },
  );
}

export async function openReports(
  server: { dataDir: string },
  orgId: string,
): Promise<{ raw: string; lines: OpenedReport[] }> {
  const { stdout } = await runReportsOpen([
    '--org',
    orgId,
    '--key',
    path.join(server.dataDir, 'keys', `${orgId}.key`),
    '--db',
    path.join(server.dataDir, 'voz-segura.db'),
  ]);
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OpenedReport);
  return { raw: stdout, lines };
}
