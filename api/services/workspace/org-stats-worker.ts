// The worker thread behind GET /api/org/stats for a database file (org-stats-engine.ts): its own
// read-only connection and in-memory copy of the facts, so counting, suppression and
// serialising never hold up the request thread.
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { FactIndex } from '../../../db/stats/fact-index.ts';
import { ApiError } from '../../http/errors.ts';
import { type OrgStatsRequest, orgStatsBody } from './stats-table.ts';
import { workerPort } from './worker-thread.ts';

export type WorkerRequest = { id: number; request: OrgStatsRequest };
export type WorkerReply =
  | { id: number; body: Uint8Array }
  | {
      id: number;
      error: { message: string; api?: Pick<ApiError, 'statusCode' | 'code' | 'issues'> };
    };

const port = workerPort('org-stats-worker.ts');
const { file } = workerData as { file: string };
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
const index = new FactIndex(sqlite);

const utf8 = new TextEncoder();

port.on('message', ({ id, request }: WorkerRequest) => {
  let body: Uint8Array;
  try {
    body = utf8.encode(orgStatsBody((q) => index.count(q), request));
  } catch (err) {
    port.postMessage(failure(id, err));
    return;
  }
  // Encoded here and its buffer handed over, not copied: a month table can be megabytes, and
  // copying or encoding it on the request thread would hold that thread up.
  port.postMessage({ id, body } satisfies WorkerReply, [body.buffer as ArrayBuffer]);
});

/** An ApiError (a refused query) keeps its status and code; anything else becomes a 500. */
function failure(id: number, err: unknown): WorkerReply {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof ApiError)) return { id, error: { message } };
  const { statusCode, code, issues } = err;
  return { id, error: { message, api: { statusCode, code, issues } } };
}

// Load every report now (seconds for a million), so the first query does not wait for it.
// Queries that arrive meanwhile wait in the port.
index.catchUp();
