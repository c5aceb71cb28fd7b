// Withdrawn means gone from every file SQLite keeps: secure_delete cleans the database file, but
// the older WAL frames still held the withdrawn report's boxes and id until the WAL was reset
// (an outside review opened a box from the -wal file 60 s after the withdrawal).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { fromBase64, loadSodium } from '../../src/crypto/sodium.ts';
import { newReceipt } from '../helpers/follow-up.ts';
import { sealedSubmission } from '../helpers/reports.ts';
import { removeDir, startServer } from '../helpers/server.ts';
import { serverAdvocacy } from '../helpers/server-reports.ts';

function filesHolding(dbFile: string, needles: Buffer[]): string[] {
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`].filter((f) => {
    if (!existsSync(f)) return false;
    const bytes = readFileSync(f);
    return needles.some((n) => bytes.includes(n));
  });
}

async function until(condition: () => boolean, what: string, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs)
      throw new Error(`still not true after ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('leaves neither the boxes nor the id in the database, its WAL or its shared memory after a withdrawal', async () => {
  const server = await startServer({
    SEED_DEMO: 'true',
    POW_DIFFICULTY: '0',
    RATE_LIMIT_REPORTS: '1000',
  });
  try {
    const dbFile = path.join(server.dataDir, 'voz-segura.db');
    const sodium = await loadSodium();
    const org = await serverAdvocacy(server.url);
    const receipt = await newReceipt();
    const report = {
      ...(await sealedSubmission(org, { narrative: 'Me quitaron el teléfono en la esquina.' })),
      followUp: receipt.followUp,
    };
    // Other reports before and after, as on a live server.
    const other = async (): Promise<void> => {
      const res = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(await sealedSubmission(org)),
      });
      expect(res.status).toBe(201);
    };
    // In a burst, the report last: its pages lie deep in the WAL, where the small writes after
    // the withdrawal, which start the WAL over from its beginning, do not reach.
    const send = async (body: object): Promise<number> =>
      (
        await fetch(`${server.url}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status;
    const others = await Promise.all(Array.from({ length: 80 }, async () => sealedSubmission(org)));
    const statuses = await Promise.all([...others.map(send), send(report)]);
    expect(statuses.every((s) => s === 201)).toBe(true);
    const box = Buffer.from(fromBase64(sodium, report.sealed[0]?.box ?? ''));
    // Slices from the middle of the box, and the id as stored (text).
    const needles = [box.subarray(100, 164), box.subarray(box.length - 96, box.length - 32)];
    const id = Buffer.from(report.id);
    // The scan finds them while the report is stored (so it can find them at all).
    expect(filesHolding(dbFile, [...needles, id]).length).toBeGreaterThan(0);

    const withdrawn = await fetch(`${server.url}/api/follow-up/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: receipt.token }),
    });
    expect(withdrawn.status).toBe(204);
    await other();
    await until(
      () => filesHolding(dbFile, [...needles, id]).length === 0,
      `the withdrawn report is still in ${filesHolding(dbFile, [...needles, id]).join(', ')}`,
    );
  } finally {
    await server.stop();
    removeDir(server.dataDir);
  }
}, 90_000);
