import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'checkpoint-worker.mjs');

/**
 * The WAL is emptied once it is larger than this. With the TRUNCATE tried every half second,
 * the file stays near this size plus half a second of writes (docs/operations.md).
 */
export const WAL_BOUND_BYTES = 16 * 1024 * 1024;

export type Checkpointer = {
  /** Empties the WAL file soon (a TRUNCATE checkpoint), retried until readers let it. */
  scrub: () => void;
  stop: () => Promise<void>;
  /** How many checkpoint ticks have finished so far (tests pace their writes by it). */
  ticks: () => number;
};

/** Starts background PASSIVE checkpoints for a database file (not for :memory:). */
export function startCheckpointer(
  file: string,
  intervalMs = 500,
  /** How often the statistics' change log is cut back (see checkpoint-worker.mjs). */
  pruneEveryMs = 60_000,
  /** The WAL is emptied when it grows past this (see checkpoint-worker.mjs). */
  walBoundBytes = WAL_BOUND_BYTES,
): Checkpointer {
  const ticks = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, {
    workerData: { file, intervalMs, pruneEveryMs, walBoundBytes, ticks },
  });
  worker.unref();
  return {
    ticks: () => Atomics.load(ticks, 0),
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
