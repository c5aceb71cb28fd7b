// Group commit: submissions that arrive together are written in one SQLite transaction, and
// each is answered only after that transaction has committed. One commit (and, with
// synchronous=FULL, one fsync) then serves many reports instead of one.
//
// A job has two parts. `check` reads and may refuse (throw) but must not write; a refusal
// answers that caller alone. `write` does the writes. The batch first runs without savepoints
// (a savepoint per job cost about a fifth of the insert time). If a `write` throws, the whole
// transaction is rolled back and the batch runs again with a savepoint around each job, so the
// failing job is undone alone and the others are stored. A job may therefore run twice; any
// effect it has outside the database (spending a proof of work) must happen only once.
import type Database from 'better-sqlite3';

export type BatchJob<T> = {
  /** Reads and refusals only: a throw here refuses this job and nothing else. */
  check?: () => void;
  /** The job's writes; returns the caller's answer. */
  write: () => T;
};

type Queued = BatchJob<unknown> & {
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  /** performance.now() when the job was queued. */
  queuedAt: number;
};
type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown };

export class CommitQueue {
  private pending: Queued[] = [];
  private scheduled = false;
  private writeFailed = false;
  private readonly optimistic: Database.Transaction<(jobs: Queued[]) => Outcome[]>;
  private readonly isolated: Database.Transaction<(jobs: Queued[]) => Outcome[]>;

  constructor(
    sqlite: Database.Database,
    private readonly maxBatch = 200,
    /** Told, for every job, how long it waited and ran until answered (failures included). */
    private readonly onSettled: (ms: number) => void = () => undefined,
  ) {
    this.optimistic = sqlite.transaction((jobs: Queued[]) =>
      jobs.map((job): Outcome => {
        try {
          job.check?.();
        } catch (err) {
          // SQLite may have rolled the whole transaction back itself (disk full, I/O error):
          // then nothing after this may run unprotected, and the whole batch fails.
          if (!sqlite.inTransaction) throw err;
          return { ok: false, err };
        }
        try {
          return { ok: true, value: job.write() };
        } catch (err) {
          // Escapes: the transaction rolls back and flush() runs the batch again, isolated.
          this.writeFailed = true;
          throw err;
        }
      }),
    );
    this.isolated = sqlite.transaction((jobs: Queued[]) =>
      jobs.map((job): Outcome => {
        // A nested transaction is a SAVEPOINT: one job's failure undoes only that job.
        try {
          return {
            ok: true,
            value: sqlite.transaction(() => {
              job.check?.();
              return job.write();
            })(),
          };
        } catch (err) {
          if (!sqlite.inTransaction) throw err;
          return { ok: false, err };
        }
      }),
    );
  }

  /** Runs the job inside the next group transaction; resolves once it has committed. */
  run<T>(job: BatchJob<T> | (() => T)): Promise<T> {
    const { check, write } = typeof job === 'function' ? { check: undefined, write: job } : job;
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ check, write, resolve, reject, queuedAt: performance.now() } as Queued);
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate lets every request already read from the network join this batch.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const jobs = this.pending.splice(0, this.maxBatch);
    this.scheduled = this.pending.length > 0;
    if (this.scheduled) setImmediate(() => this.flush());
    let outcomes: Outcome[];
    try {
      this.writeFailed = false;
      try {
        outcomes = this.optimistic.immediate(jobs);
      } catch (err) {
        if (!this.writeFailed) throw err;
        outcomes = this.isolated.immediate(jobs);
      }
    } catch (err) {
      // The transaction itself failed: nothing in this batch was stored, and every caller is told.
      this.settled(jobs);
      for (const job of jobs) job.reject(err);
      return;
    }
    this.settled(jobs);
    outcomes.forEach((outcome, i) => {
      const job = jobs[i] as Queued;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.err);
    });
  }

  private settled(jobs: Queued[]): void {
    const now = performance.now();
    for (const job of jobs) this.onSettled(now - job.queuedAt);
  }
}
