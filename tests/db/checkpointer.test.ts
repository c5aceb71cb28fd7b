import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../db/checkpointer.ts';
import { createDb, type DbHandle } from '../../db/client.ts';
import { storeReport } from '../../db/repos/reports-repo.ts';
import { FactIndex } from '../../db/stats/fact-index.ts';
import { validFacts } from '../helpers/reports.ts';
import { insertTestOrg } from '../helpers/test-org.ts';
import { deleteCounted } from '../helpers/withdraw.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database with background checkpoints in a directory of its own, removed after the test. */
function freshDb(name: string): { file: string; handle: DbHandle } {
  dir = mkdtempSync(path.join(os.tmpdir(), 'voz-ckpt-'));
  const file = path.join(dir, name);
  return { file, handle: createDb(file, { backgroundCheckpoints: true }) };
}

/** The same, with a table of blobs to fill the WAL with. */
function blobsDb(name: string) {
  const { file, handle } = freshDb(name);
  handle.sqlite.exec('create table blobs (b blob)');
  return { file, handle, insert: handle.sqlite.prepare('insert into blobs (b) values (?)') };
}

describe('background checkpoints', () => {
  it('move committed pages from the WAL into the database file without the writer doing it', async () => {
    const { file, handle, insert } = blobsDb('c.db');
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

  it('cuts the statistics change log back, and the exact counts reload and stay right', async () => {
    const { file, handle } = freshDb('c.db');
    insertTestOrg(handle.db);
    const store = (): string => {
      const id = randomUUID();
      storeReport(
        handle.db,
        { id, facts: validFacts(), sealed: [{ recipient: 'org-a', box: '' }] },
        [{ recipientId: 'org-a', box: Buffer.alloc(48) }],
        'h',
        '2026-12-01',
      );
      return id;
    };
    const index = new FactIndex(handle.sqlite);
    const total = (): number => index.count({ by: ['region'], orgId: 'org-a' }).total;
    for (let i = 0; i < 30; i++) store();
    expect(total()).toBe(30);
    // New reports take shuffled slots, which are logged; the log says in what order they came.
    const ids = Array.from({ length: 30 }, store);
    const logged = (): number =>
      handle.sqlite.prepare<[], number>('select count(*) from report_changes').pluck().get() ?? 0;
    expect(logged()).toBeGreaterThan(0);
    const checkpointer = startCheckpointer(file, 20, 50);
    await expect.poll(logged, { timeout: 30_000 }).toBe(0);
    await checkpointer.stop();
    // The index missed entries it never read: it reloads, and counts what is there.
    for (const id of ids.slice(0, 10)) deleteCounted(handle.db, id);
    expect(total()).toBe(50);
    handle.close();
  });

  it('keeps the WAL near its bound under steady writes, and empties it once writes pause', async () => {
    const { file, handle, insert } = blobsDb('w.db');
    const bound = 2 * 1024 * 1024;
    const checkpointer = startCheckpointer(file, 20, 60_000, bound);
    const wal = (): number => statSync(`${file}-wal`).size;
    // Steady small commits, as reports arrive, for far more than the bound: 24 MB in all. A
    // commit lands during nearly every checkpoint, so without the bound the WAL never starts
    // over and holds all of it.
    let largest = 0;
    // The most written while the checkpoint thread did not tick: on a busy machine that thread
    // may not run for a while, and no bound can hold the WAL while it is not running.
    let seen = checkpointer.ticks();
    let sinceTick = 0;
    let longestGap = 0;
    for (let i = 0; i < 6000; i++) {
      insert.run(Buffer.alloc(4096, i % 256));
      sinceTick += 4096;
      if (i % 20 === 0) {
        largest = Math.max(largest, wal());
        if (checkpointer.ticks() !== seen) {
          seen = checkpointer.ticks();
          sinceTick = 0;
        }
        longestGap = Math.max(longestGap, sinceTick);
        // Short gaps between bursts of commits, as a server has between requests (a loop that
        // does nothing but commit never lets another connection take the lock).
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    largest = Math.max(largest, wal());
    // Near the bound: the bound plus what is written between checkpoint ticks (twice the
    // longest such stretch, since a tick can find the writer busy), with room to spare; and
    // far below the 24 MB written.
    expect(largest).toBeLessThan(bound + 2 * longestGap + 6 * 1024 * 1024);
    // Writes pause: the WAL is emptied.
    await expect.poll(wal, { timeout: 30_000 }).toBe(0);
    await checkpointer.stop();
    expect(handle.sqlite.prepare('select count(*) as n from blobs').get()).toEqual({ n: 6000 });
    handle.close();
  });
});
