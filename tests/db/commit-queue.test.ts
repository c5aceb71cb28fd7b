import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommitQueue } from '../../db/commit-queue.ts';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'voz-queue-'));
  db = new Database(path.join(dir, 'q.db'));
  db.pragma('journal_mode = WAL');
  db.exec('create table t (id integer primary key, v text not null)');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CommitQueue', () => {
  it('groups jobs that arrive together into one transaction, each answered after the commit', async () => {
    const queue = new CommitQueue(db);
    const other = new Database(path.join(dir, 'q.db'), { readonly: true });
    // data_version, read on another connection, changes once per commit made elsewhere.
    const version = (): number => other.pragma('data_version', { simple: true }) as number;
    const before = version();
    const seenByOtherConnection: number[] = [];
    const jobs = Array.from({ length: 25 }, (_, i) =>
      queue
        .run(() => db.prepare('insert into t (id, v) values (?, ?)').run(i, `v${i}`).changes)
        .then(() =>
          seenByOtherConnection.push(
            (other.prepare('select count(*) as n from t').get() as { n: number }).n,
          ),
        ),
    );
    await Promise.all(jobs);
    // When the first caller hears back, all 25 rows are already visible to another connection:
    // they were committed together, before anyone was answered.
    expect(Math.min(...seenByOtherConnection)).toBe(25);
    expect(version() - before).toBe(1);
    other.close();
  });

  it('rolls back only the job that failed', async () => {
    const queue = new CommitQueue(db);
    const results = await Promise.allSettled([
      queue.run(() => db.prepare("insert into t (id, v) values (1, 'a')").run()),
      queue.run(() => {
        db.prepare("insert into t (id, v) values (2, 'b')").run();
        throw new Error('this job fails after writing');
      }),
      queue.run(() => db.prepare("insert into t (id, v) values (3, 'c')").run()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('select id from t order by id').all()).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it('tells every caller when the batch cannot be written, and stores none of it', async () => {
    const queue = new CommitQueue(db);
    const blocker = new Database(path.join(dir, 'q.db'));
    blocker.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    blocker.exec('begin immediate');
    const results = await Promise.allSettled([
      queue.run(() => db.prepare("insert into t (id, v) values (1, 'a')").run()),
      queue.run(() => db.prepare("insert into t (id, v) values (2, 'b')").run()),
    ]);
    blocker.exec('rollback');
    blocker.close();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 0 });
  });
});
