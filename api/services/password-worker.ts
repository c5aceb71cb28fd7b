// The thread behind PasswordPool (password-pool.ts): hashes and checks staff passwords with
// Argon2id, one at a time, so the 100+ ms each takes is never spent on the request thread.
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { loadSodium } from '../../src/crypto.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../src/staff-auth.ts';

export type PasswordJob =
  | { kind: 'hash'; password: string }
  /** `hash: null` is an unknown e-mail: checked against a hash nobody's password matches. */
  | { kind: 'verify'; hash: string | null; password: string };
export type PasswordRequest = { id: number; job: PasswordJob };
export type PasswordReply =
  | { id: number; result: string | boolean }
  | { id: number; error: string };

/** Linux nice value of this thread: reporters' requests come before sign-ins. */
const NICE = 10;

const port = parentPort;
if (!port) throw new Error('password-worker.ts runs in a worker thread');
// On Linux a nice value belongs to a thread, so only this thread yields: under a sign-in flood
// on a small machine the request thread keeps the core, and sign-ins wait (or are refused by
// the pool's bound) instead. Elsewhere it would lower the whole process, so it is not done.
if (process.platform === 'linux') {
  try {
    os.setPriority(NICE);
  } catch {
    // Not allowed here: checks still work, at the same priority as everything else.
  }
}

const sodium = await loadSodium();
// Made before the first job is read (jobs that arrive meanwhile wait in the port), so the first
// check for an unknown e-mail costs what any other first check costs.
const dummy = dummyPasswordHash(sodium);

port.on('message', ({ id, job }: PasswordRequest) => {
  let reply: PasswordReply;
  try {
    const result =
      job.kind === 'hash'
        ? hashPassword(sodium, job.password)
        : verifyPassword(sodium, job.hash ?? dummy, job.password);
    reply = { id, result };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
