// A restore while reports keep arriving loses none that were acknowledged: each 201 is in the
// restored database (it came after) or in the copy of the replaced one (it came before). An
// outside fault-injection run lost 6 at 8 reports a second: they were committed between the
// safety copy and the replacement, and landed in neither.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { buildSyntheticSubmission } from '../../scripts/synthetic-submission.ts';
import type { Recipient } from '../../src/contract/schemas.ts';
import { loadSodium } from '../../src/crypto/sodium.ts';
import { type RunningServer, removeDir, startServer } from '../helpers/server.ts';
import { runTool } from '../helpers/tools.ts';

let server: RunningServer | undefined;
const work = mkdtempSync(path.join(os.tmpdir(), 'voz-restore-load-'));
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
  removeDir(work);
});

async function tool(name: 'backup' | 'restore', file: string, dataDir: string): Promise<string> {
  const run = await runTool(name, [file], dataDir);
  if (run.code !== 0) throw new Error(`${name} exited ${run.code}: ${run.out}`);
  return run.out;
}

const idsIn = (file: string): Set<string> => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return new Set(db.prepare<[], string>('select id from reports').pluck().all());
  } finally {
    db.close();
  }
};

it('keeps every acknowledged report in the restored database or in the saved copy', async () => {
  server = await startServer({
    POW_DIFFICULTY: '0',
    RATE_LIMIT_REPORTS: '100000',
    LOG_LEVEL: 'warn',
  });
  const { url, dataDir } = server;
  const sodium = await loadSodium();
  const { recipients } = (await (await fetch(`${url}/api/recipients`)).json()) as {
    recipients: Recipient[];
  };
  let n = 0;
  const send = async (): Promise<{ id: string; status: number }> => {
    const report = buildSyntheticSubmission(sodium, recipients, n++);
    try {
      const res = await fetch(`${url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(report),
      });
      await res.arrayBuffer();
      return { id: report.id, status: res.status };
    } catch {
      return { id: report.id, status: 0 };
    }
  };
  for (let i = 0; i < 30; i++) expect((await send()).status).toBe(201);
  const backup = path.join(work, 'backup.db');
  await tool('backup', backup, dataDir);
  const backedUp = idsIn(backup);

  // Eight senders keep sending while the restore runs, and a while after.
  const acknowledged: string[] = [];
  const refused = new Map<number, number>();
  let sending = true;
  const sender = async (): Promise<void> => {
    while (sending) {
      const { id, status } = await send();
      if (status === 201) acknowledged.push(id);
      else refused.set(status, (refused.get(status) ?? 0) + 1);
    }
  };
  const senders = Array.from({ length: 8 }, sender);
  // Restore once enough is arriving, then let more arrive after it.
  while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
  const output = await tool('restore', backup, dataDir);
  const after = acknowledged.length;
  while (acknowledged.length < after + 40) await new Promise((r) => setTimeout(r, 20));
  sending = false;
  await Promise.all(senders);

  const saved = /saved to (\S+?)\.?\n/.exec(output)?.[1];
  expect(saved, output).toBeDefined();
  const live = idsIn(path.join(dataDir, 'voz-segura.db'));
  const before = idsIn(saved as string);
  const lost = acknowledged.filter((id) => !live.has(id) && !before.has(id));
  expect(lost, `refused meanwhile: ${JSON.stringify([...refused])}`).toEqual([]);
  // Exactly once: in the saved copy (it came before) or in the restored database (after).
  const twice = acknowledged.filter((id) => live.has(id) && before.has(id));
  expect(twice).toEqual([]);
  expect(new Set(acknowledged).size).toBe(acknowledged.length);
  process.stdout.write(
    `restore under load: ${acknowledged.length} acknowledged, each found exactly once ` +
      `(${acknowledged.filter((id) => before.has(id)).length} in the saved copy, ` +
      `${acknowledged.filter((id) => live.has(id)).length} in the restored database); ` +
      `refused meanwhile: ${JSON.stringify(Object.fromEntries(refused))}\n`,
  );
  // The restore really replaced the database: what was backed up is there, and the reports
  // acknowledged before it are only in the saved copy.
  for (const id of backedUp) expect(live.has(id)).toBe(true);
  expect(acknowledged.some((id) => before.has(id) && !live.has(id))).toBe(true);
  // Anything refused meanwhile was refused as "try again", never as an error.
  for (const status of refused.keys()) expect([503]).toContain(status);
}, 180_000);
