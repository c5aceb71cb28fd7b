// Runs scripts/backup.ts or scripts/restore.ts as the operator does (`npm run backup -- ...`),
// against a data directory, and keeps what it printed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What a tool printed: each stream apart, and `out`, both as they arrived. */
export type ToolRun = { code: number | null; stdout: string; stderr: string; out: string };

export function runTool(
  name: 'backup' | 'restore',
  args: string[],
  dataDir: string,
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = { stdout: '', stderr: '', out: '' };
    child.stdout.on('data', (c: Buffer) => {
      run.stdout += c.toString();
      run.out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      run.stderr += c.toString();
      run.out += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ...run }));
  });
}
