// Answers GET /api/org/stats. Over a million reports a SQL GROUP BY takes seconds and
// suppressing a large table tens of milliseconds, both on the thread that also stores reports.
// So for a database file a worker thread (org-stats-worker.ts) keeps the counted facts in typed
// arrays (db/stats/fact-index.ts), counts, suppresses and serialises there, and the request
// thread only posts the query and gets the JSON back. A :memory: database cannot be opened by
// another thread, so there (tests) the same FactIndex and the same orgStatsBody run in-process.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../../../db/client.ts';
import { isSyntheticDatabase } from '../../../db/repos/releases-repo.ts';
import { FactIndex } from '../../../db/stats/fact-index.ts';
import { type CountQuery, type CountResult, countBy } from '../../../db/stats/stats-repo.ts';
import type { StatsQuery } from '../../../src/statistics/tables.ts';
import { ApiError } from '../../http/errors.ts';
import type { WorkerReply, WorkerRequest } from './org-stats-worker.ts';
import { type OrgStatsRequest, orgStatsBody } from './stats-table.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LOADER = path.join(HERE, '..', '..', 'ts-worker.mjs');
const ENTRY = pathToFileURL(path.join(HERE, 'org-stats-worker.ts')).href;

/**
 * `index`: the in-memory copy (in a worker for a file). `sql`: countFromReports on the request
 * thread, the reference, which stalls every request for seconds at a million reports; only for
 * comparisons (npm run bench:stats).
 */
export type OrgStatsEngineKind = 'index' | 'sql';

export type OrgStatsEngine = {
  /** Where tables are counted: in a worker thread, or on the request thread. */
  readonly thread: 'worker' | 'request';
  /** The body of GET /api/org/stats: the suppressed table, marked confidential, as JSON. */
  table(
    query: StatsQuery,
    options: { k: number; orgId: string; format?: OrgStatsRequest['format'] },
  ): Promise<Buffer>;
  close(): Promise<void>;
};

export function openOrgStatsEngine(db: Db, kind: OrgStatsEngineKind = 'index'): OrgStatsEngine {
  const request = (
    query: StatsQuery,
    o: { k: number; orgId: string; format?: OrgStatsRequest['format'] },
  ): OrgStatsRequest => ({
    query,
    ...o,
    synthetic: isSyntheticDatabase(db),
  });
  if (kind === 'index' && !db.$client.memory) {
    const worker = new OrgStatsWorker(db.$client.name);
    return {
      thread: 'worker',
      table: (q, o) => worker.table(request(q, o)),
      close: () => worker.close(),
    };
  }
  let count: (q: CountQuery) => CountResult;
  if (kind === 'sql') count = (q) => countBy(db, q);
  else {
    const index = new FactIndex(db.$client);
    count = (q) => index.count(q);
  }
  return {
    thread: 'request',
    table: async (q, o) => Buffer.from(orgStatsBody(count, request(q, o))),
    close: async () => undefined,
  };
}

type Pending = { resolve: (body: Buffer) => void; reject: (err: Error) => void };

/** One worker thread, started at once (it loads the copy) and again after it failed. */
class OrgStatsWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly file: string) {
    this.worker = this.start();
  }

  table(request: OrgStatsRequest): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('the statistics engine is closed'));
    this.worker ??= this.start();
    const id = this.nextId++;
    const worker = this.worker;
    // Kept alive while it owes an answer; idle, it does not hold the process open.
    if (this.pending.size === 0) worker.ref();
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, request } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the statistics engine is closed'));
    // A worker caught while still loading its modules may never finish terminating (Node 20):
    // close does not wait for it longer than this.
    if (worker) {
      await Promise.race([
        worker.terminate(),
        new Promise((resolve) => setTimeout(resolve, 2000).unref()),
      ]);
    }
  }

  private start(): Worker {
    const worker = new Worker(LOADER, { workerData: { entry: ENTRY, file: this.file } });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('body' in reply) {
        const { buffer, byteOffset, byteLength } = reply.body;
        waiting.resolve(Buffer.from(buffer, byteOffset, byteLength));
      } else if (reply.error.api) {
        const { statusCode, code, issues } = reply.error.api;
        waiting.reject(new ApiError(statusCode, code, reply.error.message, issues));
      } else waiting.reject(new Error(`statistics worker: ${reply.error.message}`));
    });
    const lost = (err: Error): void => {
      if (this.worker !== worker) return;
      // The next query starts a new worker, which loads the copy again.
      this.worker = null;
      this.failAll(err);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`statistics worker stopped (exit code ${code})`)));
    return worker;
  }

  private failAll(err: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}
