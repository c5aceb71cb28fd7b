// Runs in a worker thread with its own connection: moves the WAL into the database file with
// PASSIVE checkpoints, which never block the writer, so the request thread never stalls on a
// checkpoint's writes and fsync. Plain JavaScript so the worker needs no TypeScript loader.
//
// It also empties the WAL file (a TRUNCATE checkpoint) when asked to scrub, after a report was
// withdrawn: secure_delete overwrites deleted content in the database file only, and the older
// frames of the WAL still held the withdrawn boxes until the WAL was reset. A TRUNCATE checkpoint
// has to wait for readers and holds off the writer meanwhile, so it waits at most a moment and is
// tried again at the next tick rather than stall a report.
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
let scrubs = 0;
let lastLog = 0;

// The exact statistics' change log (report_changes, migration 0011) lists report slots in the
// order things happened to them, new reports included (db/repos/reports-repo.ts): kept for long, it
// would give back the arrival order that the shuffled reports table hides. Every entry is
// deleted one to two pruning periods after it was written; a reader that missed some reloads
// everything (db/stats/fact-index.ts).
const newestChange = db.prepare('select max(seq) from report_changes').pluck();
const pruneChanges = db.prepare('delete from report_changes where seq <= ?');
let pruneThrough = 0;
let lastPrune = Date.now();

function prune() {
  db.pragma('busy_timeout = 20');
  try {
    if (pruneThrough > 0) pruneChanges.run(pruneThrough);
    pruneThrough = newestChange.get() ?? 0;
  } catch {
    // Busy: tried again at the next period.
  } finally {
    db.pragma('busy_timeout = 1000');
  }
}

function truncate() {
  db.pragma('busy_timeout = 20');
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)');
    return result?.busy === 0;
  } catch {
    return false;
  } finally {
    db.pragma('busy_timeout = 1000');
  }
}

const timer = setInterval(() => {
  try {
    tick();
  } finally {
    Atomics.add(workerData.ticks, 0, 1);
  }
}, workerData.intervalMs);

function tick() {
  if (Date.now() - lastPrune >= workerData.pruneEveryMs) {
    lastPrune = Date.now();
    prune();
  }
  if (scrubs > 0) {
    const asked = scrubs;
    if (truncate()) {
      scrubs -= asked;
      parentPort?.postMessage('scrubbed');
    }
    return;
  }
  let result;
  try {
    [result] = db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next tick tries again, and the writer's own autocheckpoint remains a
    // safety net.
    return;
  }
  // The WAL starts over only when a write begins just after a checkpoint that copied all of
  // it; under steady writes a commit nearly always lands during the checkpoint, so it never
  // did, and the file only grew (52 MB after 4 minutes at 100 reports a second). So it is
  // emptied (a TRUNCATE checkpoint, which holds the writer off for a moment at most) once it
  // passes its bound, and as soon as writes pause.
  const paused =
    result && result.log > 0 && result.log === result.checkpointed && result.log === lastLog;
  lastLog = result?.log ?? 0;
  if (paused || walBytes() > workerData.walBoundBytes) truncate();
}

function walBytes() {
  try {
    return statSync(`${workerData.file}-wal`).size;
  } catch {
    return 0;
  }
}

parentPort?.on('message', (message) => {
  if (message === 'scrub') {
    scrubs++;
  } else if (message === 'stop') {
    clearInterval(timer);
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
      parentPort?.postMessage('stopped');
    }
  }
});
