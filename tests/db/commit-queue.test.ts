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

  it('reports how long every job waited until answered, refused and failed ones included', async () => {
    const waits: number[] = [];
    const queue = new CommitQueue(db, undefined, (ms) => waits.push(ms));
    await Promise.allSettled([
      queue.run(() => db.prepare("insert into t (id, v) values (1, 'a')").run()),
      queue.run({
        check: () => {
          throw new Error('refused');
        },
        write: () => undefined,
      }),
      queue.run(() => {
        throw new Error('fails after writing nothing');
      }),
    ]);
    expect(waits).toHaveLength(3);
    // A batch whose transaction cannot even start (the table is locked elsewhere) too.
    const other = new Database(path.join(dir, 'q.db'));
    other.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    other.exec('begin immediate');
    await expect(queue.run(() => 1)).rejects.toThrow(/locked|busy/i);
    other.exec('rollback');
    other.close();
    expect(waits).toHaveLength(4);
    for (const ms of waits) expect(ms).toBeGreaterThanOrEqual(0);
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

  it('refuses a job whose check throws without running the batch again', async () => {
    const queue = new CommitQueue(db);
    let writes = 0;
    const insert = (id: number) => () => {
      writes++;
      return db.prepare('insert into t (id, v) values (?, ?)').run(id, `v${id}`).changes;
    };
    const results = await Promise.allSettled([
      queue.run({ write: insert(1) }),
      queue.run({
        check: () => {
          throw new Error('refused before writing');
        },
        write: insert(2),
      }),
      queue.run({ check: () => undefined, write: insert(3) }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(writes).toBe(2);
    expect(db.prepare('select id from t order by id').all()).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it('after a failed write, runs the batch again with each job isolated, storing each once', async () => {
    const queue = new CommitQueue(db);
    const runs = new Map<string, number>();
    const counted = (name: string, work: () => unknown) => () => {
      runs.set(name, (runs.get(name) ?? 0) + 1);
      return work();
    };
    const results = await Promise.allSettled([
      queue.run(counted('a', () => db.prepare("insert into t (id, v) values (1, 'a')").run())),
      // Violates the primary key after job a's insert: a write failure, not a refusal.
      queue.run(counted('b', () => db.prepare("insert into t (id, v) values (1, 'b')").run())),
      queue.run(counted('c', () => db.prepare("insert into t (id, v) values (3, 'c')").run())),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // a and b ran in the optimistic pass and again isolated; c only isolated.
    expect(Object.fromEntries(runs)).toEqual({ a: 2, b: 2, c: 1 });
    expect(db.prepare('select id, v from t order by id').all()).toEqual([
      { id: 1, v: 'a' },
      { id: 3, v: 'c' },
    ]);
  });

  it('fails the whole batch, storing nothing, when SQLite rolls the transaction back itself', async () => {
    const queue = new CommitQueue(db);
    const insert = (id: number) => () => {
      db.prepare('insert into t (id, v) values (?, ?)').run(id, `v${id}`);
    };
    const results = await Promise.allSettled([
      queue.run({ write: insert(1) }),
      queue.run({
        // What SQLite does on a full disk or an I/O error: the transaction is gone.
        check: () => {
          db.exec('rollback');
          throw new Error('disk I/O error');
        },
        write: insert(2),
      }),
      queue.run({ write: insert(3) }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // Job 3 did not run outside the transaction: nothing is stored that was not acknowledged.
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 0 });
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
