// A real password pool whose checks the test holds and releases (held-password-worker.ts), so
// a test can wait for "the worker is busy checking" as a condition instead of for a time.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PasswordPool } from '../../api/services/workspace/password-pool.ts';
import { CELLS, KNOWN, OPEN, STARTED, UNKNOWN } from './held-password-worker.ts';

const ENTRY = pathToFileURL(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'held-password-worker.ts'),
).href;

export class HeldPasswords {
  readonly pool: PasswordPool;
  private readonly flags: Int32Array;

  constructor(options: { size?: number; queue: number }) {
    const gate = new SharedArrayBuffer(CELLS * Int32Array.BYTES_PER_ELEMENT);
    this.flags = new Int32Array(gate);
    this.pool = new PasswordPool({
      size: options.size ?? 1,
      queue: options.queue,
      entry: ENTRY,
      workerData: { gate },
    });
  }

  /** Jobs a worker has taken up (each then waits for `release`, unless released already). */
  get started(): number {
    return Atomics.load(this.flags, STARTED);
  }

  /** Password checks against a member's hash, and against the stand-in for unknown e-mails. */
  get checks(): { known: number; unknown: number } {
    return { known: Atomics.load(this.flags, KNOWN), unknown: Atomics.load(this.flags, UNKNOWN) };
  }

  /** Lets every held job, and every later one, go ahead. */
  release(): void {
    Atomics.store(this.flags, OPEN, 1);
    Atomics.notify(this.flags, OPEN);
  }
}
