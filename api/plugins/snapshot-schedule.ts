// Publishes due public snapshots: once at start and then every hour, so a server that was down
// when a period's delay ran out publishes as soon as it is back. For a database file the work runs
// in a worker thread (api/services/public/snapshot-worker.ts); an in-memory database (tests) can only be
// reached from this thread, and is small.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type {
  SnapshotWorkerData,
  SnapshotWorkerReply,
} from '../services/public/snapshot-worker.ts';
import { publishDue, type SnapshotSettings } from '../services/public/stats-snapshot.ts';

const CHECK_EVERY_MS = 60 * 60 * 1000;
/** A worker caught while still loading its modules may never finish terminating (Node 20). */
const TERMINATE_WAIT_MS = 2000;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const LOADER = path.join(HERE, '..', 'ts-worker.mjs');
const ENTRY = pathToFileURL(path.join(HERE, '..', 'services', 'public', 'snapshot-worker.ts')).href;

const workers = new Set<Worker>();

function inWorker(file: string, settings: SnapshotSettings, now: Date): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOADER, {
      workerData: {
        entry: ENTRY,
        file,
        settings,
        now: now.toISOString(),
      } satisfies SnapshotWorkerData & {
        entry: string;
      },
    });
    workers.add(worker);
    worker.once('message', (reply: SnapshotWorkerReply) => {
      if ('error' in reply) reject(new Error(reply.error));
      else resolve(reply.through);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      workers.delete(worker);
      if (code !== 0) reject(new Error(`snapshot worker exited with ${code}`));
    });
  });
}

export const snapshotSchedulePlugin = fp(
  async (app: FastifyInstance, opts: { settings: SnapshotSettings }) => {
    const file = app.db.$client.name;
    const onDisk = file !== ':memory:' && file !== '';
    let running: Promise<void> | null = null;
    let closing = false;
    const check = (): Promise<void> => {
      running ??= (async () => {
        try {
          const through = onDisk
            ? await inWorker(file, opts.settings, app.clock())
            : (publishDue(app.db, app.clock(), opts.settings)?.snapshot.through ?? null);
          if (through) app.log.info({ through }, 'public statistics snapshot published');
        } catch (err) {
          // Ended by shutdown: the next start publishes it.
          if (closing) return;
          app.log.error(
            { err },
            'the due statistics snapshot could not be published; retrying in an hour',
          );
        } finally {
          running = null;
        }
      })();
      return running;
    };
    // In-memory databases publish before the server answers; a file's worker runs alongside.
    app.addHook('onReady', async () => {
      const started = check();
      if (!onDisk) await started;
    });
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      // Shutdown does not wait for a snapshot: ending the worker rolls its transaction back,
      // and the next start publishes it again.
      closing = true;
      await Promise.race([
        Promise.all([...workers].map((w) => w.terminate())).then(() => running),
        new Promise((resolve) => setTimeout(resolve, TERMINATE_WAIT_MS).unref()),
      ]);
    });
  },
);
