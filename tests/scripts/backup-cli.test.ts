// The backup and restore command-line tools (`npm run backup -- <file>`, `npm run restore --
// <file>`) run the way an operator runs them: as their own processes, with the server's
// environment, against the real server while it keeps answering. A restore must show up in the
// running server at once, the database it replaced must be kept, and mistakes (no file, a file
// that exists, a file that is no database) must be refused with a message and change nothing.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSyntheticSubmission } from '../../scripts/synthetic-submission.ts';
import type { Recipient } from '../../src/contract/schemas.ts';
import { loadSodium, type Sodium } from '../../src/crypto/sodium.ts';
import { serverForFile } from '../helpers/file-server.ts';
import { type RunningServer, removeDir } from '../helpers/server.ts';
import { exactTotal } from '../helpers/server-stats.ts';
import { runTool, type ToolRun } from '../helpers/tools.ts';

let server: RunningServer;
let work: string;
let sodium: Sodium;
let recipients: Recipient[];
let sent = 0;

serverForFile(
  { STATS_K: '2', POW_DIFFICULTY: '0', RATE_LIMIT_REPORTS: '1000', LOG_LEVEL: 'warn' },
  (started) => {
    server = started;
  },
);
beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'voz-backup-cli-'));
  sodium = await loadSodium();
  const res = await fetch(`${server.url}/api/recipients`);
  ({ recipients } = (await res.json()) as { recipients: Recipient[] });
});
afterAll(() => {
  if (work) removeDir(work);
});

/** `npm run <tool> -- ...args`, as the operator types it, with the server's environment. */
const cli = (tool: 'backup' | 'restore', ...args: string[]): Promise<ToolRun> =>
  runTool(tool, args, server.dataDir);

/**
 * Sends `n` new synthetic reports over HTTP; each must be stored (201). All from one region, so
 * that no cell of the table by region is small and the total is shown.
 */
async function submit(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const report = buildSyntheticSubmission(sodium, recipients, sent++);
    const res = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...report, facts: { ...report.facts, region: '1501' } }),
    });
    expect(res.status, await res.text()).toBe(201);
  }
}

/**
 * The total the running server itself counts: its exact figures, which its demo admin reads
 * (every synthetic report is sealed to the demo advocacy organisation).
 */
const total = (): Promise<number | null> => exactTotal(server);

function reportsIn(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select count(*) as n from reports').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const savedCopies = () => readdirSync(server.dataDir).filter((f) => f.includes('before-restore'));

describe('npm run backup / npm run restore against the running server', () => {
  it('backs up, then restores into the running server, keeping the replaced database', async () => {
    await submit(5);
    const backup = path.join(work, 'monday.db');
    const made = await cli('backup', backup);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`to ${backup} (`);
    expect(reportsIn(backup)).toBe(5);

    await submit(3);
    expect(await total()).toBe(8);

    const restored = await cli('restore', backup);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const saved = /previous database was saved to (\S+)\.\n/.exec(restored.stdout)?.[1] ?? '';
    expect(saved, restored.stdout).not.toBe('');
    expect(path.dirname(saved)).toBe(server.dataDir);
    expect(existsSync(saved)).toBe(true);
    expect(reportsIn(saved)).toBe(8);

    // The same server process, not restarted, now shows the backup's content…
    expect(await total()).toBe(5);
    // …and still takes reports, counted on top of it.
    await submit(1);
    expect(await total()).toBe(6);
    expect(reportsIn(path.join(server.dataDir, 'voz-segura.db'))).toBe(6);
  }, 60_000);

  it('refuses a missing argument, an existing target and a file that is no database', async () => {
    await submit(2);
    const before = await total();
    expect(before).not.toBeNull();
    const copiesBefore = savedCopies();

    for (const tool of ['backup', 'restore'] as const) {
      const usage = await cli(tool);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toBe(`Usage: npm run ${tool} -- <backup file>\n`);
      expect(usage.stdout).toBe('');
    }

    const existing = path.join(work, 'keep.db');
    writeFileSync(existing, 'an earlier backup, not to be overwritten');
    const clash = await cli('backup', existing);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toBe(`Backup failed: ${existing} already exists; choose a new file\n`);
    expect(clash.stdout).toBe('');
    expect(readFileSync(existing, 'utf8')).toBe('an earlier backup, not to be overwritten');

    const junk = path.join(work, 'notes.db');
    writeFileSync(junk, 'this is not a database');
    const bad = await cli('restore', junk);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`Restore failed: ${junk} is not a readable SQLite database\n`);
    expect(bad.stdout).toBe('');

    const missing = await cli('restore', path.join(work, 'nowhere.db'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Restore failed: .*nowhere\.db does not exist\n$/);

    // Nothing changed: the server counts what it had, and no copy was saved for a refused restore.
    expect(await total()).toBe(before);
    expect(savedCopies()).toEqual(copiesBefore);
    await submit(1);
    expect(await total()).toBe((before ?? 0) + 1);
  }, 60_000);
});
