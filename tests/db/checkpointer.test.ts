import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../db/checkpointer.ts';
import { createDb } from '../../db/client.ts';
import { insertOrganisation } from '../../db/organisations-repo.ts';
import { storeReport } from '../../db/reports-repo.ts';
import { FactIndex } from '../../db/stats/fact-index.ts';
import { deleteReportCounted } from '../../db/verification-repo.ts';
import { validFacts } from '../helpers/reports.ts';

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

  it('cuts the statistics change log back, and the exact counts reload and stay right', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'voz-ckpt-'));
    const file = path.join(dir, 'c.db');
    const handle = createDb(file, { backgroundCheckpoints: true });
    insertOrganisation(handle.db, {
      id: 'org-a',
      name: 'Organización A (ficticia)',
      role: 'advocacy',
      publicKey: Buffer.alloc(32, 1),
      synthetic: true,
      createdDay: '2026-12-01',
    });
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
    for (const id of ids.slice(0, 10)) deleteReportCounted(handle.db, id);
    expect(total()).toBe(50);
    handle.close();
  });

  it('keeps the WAL near its bound under steady writes, and empties it once writes pause', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'voz-ckpt-'));
    const file = path.join(dir, 'w.db');
    const handle = createDb(file, { backgroundCheckpoints: true });
    handle.sqlite.exec('create table blobs (b blob)');
    const insert = handle.sqlite.prepare('insert into blobs (b) values (?)');
    const bound = 2 * 1024 * 1024;
    const checkpointer = startCheckpointer(file, 20, 60_000, bound);
    const wal = (): number => statSync(`${file}-wal`).size;
    // Steady small commits, as reports arrive, for far more than the bound: 24 MB in all. A
    // commit lands during nearly every checkpoint, so without the bound the WAL never starts
    // over and holds all of it.
    let largest = 0;
    for (let i = 0; i < 6000; i++) {
      insert.run(Buffer.alloc(4096, i % 256));
      if (i % 20 === 0) {
        largest = Math.max(largest, wal());
        // Short gaps between bursts of commits, as a server has between requests (a loop that
        // does nothing but commit never lets another connection take the lock).
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    largest = Math.max(largest, wal());
    // Near the bound: the bound plus what is written between two checkpoint ticks, with room
    // for a busy machine, and far below the 24 MB written.
    expect(largest).toBeLessThan(bound + 8 * 1024 * 1024);
    // Writes pause: the WAL is emptied.
    await expect.poll(wal, { timeout: 30_000 }).toBe(0);
    await checkpointer.stop();
    expect(handle.sqlite.prepare('select count(*) as n from blobs').get()).toEqual({ n: 6000 });
    handle.close();
  });
});
