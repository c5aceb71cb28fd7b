import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'checkpoint-worker.mjs');

export type Checkpointer = {
  /** Empties the WAL file soon (a TRUNCATE checkpoint), retried until readers let it. */
  scrub: () => void;
  stop: () => Promise<void>;
};

/** Starts background PASSIVE checkpoints for a database file (not for :memory:). */
export function startCheckpointer(
  file: string,
  intervalMs = 500,
  /** How often the statistics' change log is cut back (see checkpoint-worker.mjs). */
  pruneEveryMs = 60_000,
): Checkpointer {
  const worker = new Worker(WORKER, { workerData: { file, intervalMs, pruneEveryMs } });
  worker.unref();
  return {
    scrub: () => worker.postMessage('scrub'),
    stop: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          void worker.terminate().then(() => resolve());
        };
        worker.on('message', (m) => {
          if (m === 'stopped') done();
        });
        worker.once('error', done);
        worker.postMessage('stop');
      }),
  };
}
