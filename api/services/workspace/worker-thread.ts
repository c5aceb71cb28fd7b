// The start every worker thread of the server shares (password checks, organisation counts).
import os from 'node:os';
import { type MessagePort, parentPort } from 'node:worker_threads';

/** Linux nice value of a worker thread: the requests of the main thread come first. */
const NICE = 10;

/**
 * The port to the thread that started this worker, once this thread's priority is lowered. On
 * Linux a nice value belongs to a thread, so only this thread yields: on a small machine the
 * request thread keeps the core, and the work waits instead. Elsewhere it would lower the whole
 * process, so it is not done.
 */
export function workerPort(file: string): MessagePort {
  if (!parentPort) throw new Error(`${file} runs in a worker thread`);
  if (process.platform === 'linux') {
    try {
      os.setPriority(NICE);
    } catch {
      // Not allowed here: the work still runs, at the same priority as everything else.
    }
  }
  return parentPort;
}
