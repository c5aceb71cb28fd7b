// The thread behind PasswordPool (password-pool.ts): hashes and checks staff passwords with
// Argon2id, one at a time, so the 100+ ms each takes is never spent on the request thread.
import { loadSodium } from '../../../src/crypto/sodium.ts';
import {
  dummyPasswordHash,
  hashPassword,
  verifyPassword,
} from '../../../src/crypto/staff-credentials.ts';
import { workerPort } from './worker-thread.ts';

export type PasswordJob =
  | { kind: 'hash'; password: string }
  /** `hash: null` is an unknown e-mail: checked against a hash nobody's password matches. */
  | { kind: 'verify'; hash: string | null; password: string };
export type PasswordRequest = { id: number; job: PasswordJob };
export type PasswordReply =
  | { id: number; result: string | boolean }
  | { id: number; error: string };

const port = workerPort('password-worker.ts');

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
