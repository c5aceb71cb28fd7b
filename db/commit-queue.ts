// Group commit: submissions that arrive together are written in one SQLite transaction, and
// each is answered only after that transaction has committed. One commit (and, with
// synchronous=FULL, one fsync) then serves many reports instead of one.
import type Database from 'better-sqlite3';

type Job<T> = { work: () => T; resolve: (value: T) => void; reject: (err: unknown) => void };

export class CommitQueue {
  private pending: Array<Job<unknown>> = [];
  private scheduled = false;
  private readonly batch: Database.Transaction<
    (jobs: Array<Job<unknown>>) => Array<{ ok: true; value: unknown } | { ok: false; err: unknown }>
  >;

  constructor(
    sqlite: Database.Database,
    private readonly maxBatch = 200,
  ) {
    this.batch = sqlite.transaction((jobs: Array<Job<unknown>>) =>
      jobs.map((job) => {
        // A nested transaction is a SAVEPOINT: one job's failure undoes only that job.
        try {
          return { ok: true as const, value: sqlite.transaction(job.work)() };
        } catch (err) {
          return { ok: false as const, err };
        }
      }),
    );
  }

  /** Runs `work` inside the next group transaction; resolves once it has committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve, reject } as Job<unknown>);
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
    let results: ReturnType<typeof this.batch>;
    try {
      results = this.batch.immediate(jobs);
    } catch (err) {
      // The commit itself failed: nothing in this batch was stored, and every caller is told.
      for (const job of jobs) job.reject(err);
      return;
    }
    results.forEach((result, i) => {
      const job = jobs[i] as Job<unknown>;
      if (result.ok) job.resolve(result.value);
      else job.reject(result.err);
    });
  }
}
