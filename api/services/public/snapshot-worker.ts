// Publishes a due public snapshot in a worker thread, with its own connection to the database
// file: counting a million reports takes seconds, and the request thread must not wait for it.
import { parentPort, workerData } from 'node:worker_threads';
import { createDb } from '../../../db/client.ts';
import { publishDue, type SnapshotSettings } from './stats-snapshot.ts';

export type SnapshotWorkerData = { file: string; settings: SnapshotSettings; now: string };
export type SnapshotWorkerReply = { through: string | null } | { error: string };

const port = parentPort;
if (!port) throw new Error('snapshot-worker.ts runs in a worker thread');
const { file, settings, now } = workerData as SnapshotWorkerData;
const handle = createDb(file, { busyTimeoutMs: 5000, backgroundCheckpoints: true });
try {
  const doc = publishDue(handle.db, new Date(now), settings);
  port.postMessage({ through: doc?.snapshot.through ?? null } satisfies SnapshotWorkerReply);
} catch (err) {
  port.postMessage({
    error: err instanceof Error ? err.message : String(err),
  } satisfies SnapshotWorkerReply);
} finally {
  handle.close();
}
