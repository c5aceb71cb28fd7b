import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../db/checkpointer.ts';
import { createDb } from '../../db/client.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('background checkpoints', () => {
  it('move committed pages from the WAL into the database file without the writer doing it', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'voz-ckpt-'));
    const file = path.join(dir, 'c.db');
    const handle = createDb(file, { backgroundCheckpoints: true });
    handle.sqlite.exec('create table blobs (b blob)');
    const insert = handle.sqlite.prepare('insert into blobs (b) values (?)');
    handle.sqlite.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(Buffer.alloc(4096, i % 256));
    })();
    const before = statSync(file).size;
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000); // all of it still in the WAL
    const checkpointer = startCheckpointer(file, 20);
    await expect
      .poll(() => statSync(file).size, { timeout: 5000 })
      .toBeGreaterThan(before + 2_000_000);
    await checkpointer.stop();
    expect(handle.sqlite.prepare('select count(*) as n from blobs').get()).toEqual({ n: 500 });
    handle.close();
  });
});
