// Staff passwords are hashed and checked (Argon2id: 100+ ms of CPU each) in a few worker
// threads (password-worker.ts), never on the request thread: there, eight clients signing in
// with made-up e-mails held every reporter's request up for seconds (docs/benchmarks.md).
// The queue is bounded: past it a check is refused at once (503 passwords_busy) instead of
// waiting longer than anyone would, and a flood costs at most the pool's threads.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TryLaterError } from '../../http/errors.ts';
import type { PasswordJob, PasswordReply, PasswordRequest } from './password-worker.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LOADER = path.join(HERE, '..', '..', 'ts-worker.mjs');
const ENTRY = pathToFileURL(path.join(HERE, 'password-worker.ts')).href;
/** A worker caught while still loading its modules may never finish terminating (Node 20). */
const TERMINATE_WAIT_MS = 2000;
/** What a refused check is told to wait: a full queue drains in about a second. */
export const BUSY_RETRY_AFTER_S = 2;

export type PasswordPoolOptions = {
  /** Worker threads; each checks one password at a time. */
  size: number;
  /** Checks that may wait for a free worker; more are refused. */
  queue: number;
  /** The worker module, as a file URL (tests give one they can hold). */
  entry?: string;
  /** Passed to every worker with `entry`. */
  workerData?: Record<string, unknown>;
};

type Task = {
  id: number;
  job: PasswordJob;
  resolve: (result: string | boolean) => void;
  reject: (err: Error) => void;
};
type Slot = { worker: Worker | null; task: Task | null };

export class PasswordPool {
  private readonly slots: Slot[];
  private readonly waiting: Task[] = [];
  private readonly capacity: number;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PasswordPoolOptions) {
    const size = Math.max(1, options.size);
    this.slots = Array.from({ length: size }, () => ({ worker: null, task: null }));
    this.capacity = size + Math.max(0, options.queue);
  }

  /** Checks being computed or waiting for a worker. */
  get pending(): number {
    return this.slots.filter((s) => s.task).length + this.waiting.length;
  }

  /**
   * Throws the refusal a check past the bound gets (503 passwords_busy). A route calls it
   * before reading the body, so a flood of refused attempts costs as little as it can.
   */
  checkRoom(): void {
    // Decided by the count alone, before anything is looked up, so a refusal says nothing
    // about the account.
    if (this.pending >= this.capacity) {
      throw new TryLaterError(
        503,
        'passwords_busy',
        'Too many sign-ins are being checked right now; try again in a few seconds',
        BUSY_RETRY_AFTER_S,
      );
    }
  }

  /**
   * Starts every worker now rather than at the first sign-in, which would otherwise wait for
   * one to load. Tests leave this out: most of their apps never sign anyone in.
   */
  start(): void {
    for (const slot of this.slots) slot.worker ??= this.spawn(slot);
  }

  async hash(password: string): Promise<string> {
    const result = await this.run({ kind: 'hash', password });
    if (typeof result !== 'string') throw new Error('password worker: no hash');
    return result;
  }

  /** With `hash` null (an unknown e-mail), a check of the same cost that is always false. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    return (await this.run({ kind: 'verify', hash, password })) === true;
  }

  /** Refuses whatever waits and ends the workers, waiting for them no longer than 2 s. */
  async close(): Promise<void> {
    this.closed = true;
    const closing = new Error('the password pool is closed');
    for (const task of this.waiting.splice(0)) task.reject(closing);
    const workers: Worker[] = [];
    for (const slot of this.slots) {
      slot.task?.reject(closing);
      slot.task = null;
      if (slot.worker) workers.push(slot.worker);
      slot.worker = null;
    }
    await Promise.race([
      Promise.all(workers.map((w) => w.terminate())),
      new Promise((resolve) => setTimeout(resolve, TERMINATE_WAIT_MS).unref()),
    ]);
  }

  private run(job: PasswordJob): Promise<string | boolean> {
    if (this.closed) return Promise.reject(new Error('the password pool is closed'));
    try {
      this.checkRoom();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  /** Hands waiting checks to idle workers, one each: the pool, not the port, holds the queue. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.closed || this.waiting.length === 0) return;
      if (slot.task) continue;
      const task = this.waiting.shift() as Task;
      slot.task = task;
      slot.worker ??= this.spawn(slot);
      // Kept alive while it owes an answer; idle, it does not hold the process open.
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, job: task.job } satisfies PasswordRequest);
    }
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(LOADER, {
      workerData: { ...this.options.workerData, entry: this.options.entry ?? ENTRY },
    });
    worker.unref();
    worker.on('message', (reply: PasswordReply) => {
      const task = slot.task;
      if (slot.worker !== worker || !task || task.id !== reply.id) return;
      slot.task = null;
      worker.unref();
      if ('error' in reply) task.reject(new Error(`password worker: ${reply.error}`));
      else task.resolve(reply.result);
      this.dispatch();
    });
    const lost = (err: Error): void => {
      if (slot.worker !== worker) return;
      // The check it held fails (a 500); the next one starts a new worker.
      slot.worker = null;
      const task = slot.task;
      slot.task = null;
      task?.reject(err);
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`password worker stopped (exit code ${code})`)));
    return worker;
  }
}
