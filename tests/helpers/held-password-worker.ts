// A password worker (api/services/workspace/password-worker.ts) whose checks a test can hold: each job is
// counted as it starts and then blocks this thread, as a long Argon2id would, until the test
// opens the gate (tests/helpers/held-passwords.ts); then it does the real work.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type {
  PasswordReply,
  PasswordRequest,
} from '../../api/services/workspace/password-worker.ts';
import { loadSodium } from '../../src/crypto/sodium.ts';
import {
  dummyPasswordHash,
  hashPassword,
  verifyPassword,
} from '../../src/crypto/staff-credentials.ts';

/** Cells of the shared Int32Array. */
export const OPEN = 0;
export const STARTED = 1;
/** Checks against a member's hash, and against the stand-in hash for an unknown e-mail. */
export const KNOWN = 2;
export const UNKNOWN = 3;
export const CELLS = 4;
/** A password that makes the worker exit, as a crash would. */
export const CRASH = 'crash this worker';

if (!isMainThread && parentPort) {
  const port = parentPort;
  const flags = new Int32Array((workerData as { gate: SharedArrayBuffer }).gate);
  const sodium = await loadSodium();
  const dummy = dummyPasswordHash(sodium);
  port.on('message', ({ id, job }: PasswordRequest) => {
    Atomics.add(flags, STARTED, 1);
    if (job.kind === 'verify') Atomics.add(flags, job.hash === null ? UNKNOWN : KNOWN, 1);
    Atomics.wait(flags, OPEN, 0);
    if (job.password === CRASH) process.exit(1);
    const result =
      job.kind === 'hash'
        ? hashPassword(sodium, job.password)
        : verifyPassword(sodium, job.hash ?? dummy, job.password);
    port.postMessage({ id, result } satisfies PasswordReply);
  });
}
