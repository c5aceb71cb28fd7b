import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db, DbHandle } from '../../db/client.ts';
import { CommitQueue } from '../../db/commit-queue.ts';
import { catchUpCounters } from '../../db/stats-counters-write.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    commitQueue: CommitQueue;
  }
}

/** Decorates the app with the injected database and closes it when the app closes. */
// Short enough that each batch is small (a long batch would hold up requests), long enough
// that one upsert serves many reports.
const COUNTER_CATCH_UP_MS = 250;

export const dbPlugin = fp(async (app: FastifyInstance, opts: { handle: DbHandle }) => {
  app.decorate('db', opts.handle.db);
  // Load shedding (protectionPlugin, registered first) judges the database by how long queued
  // reports wait for their commit.
  app.decorate(
    'commitQueue',
    new CommitQueue(opts.handle.sqlite, undefined, (ms) => app.commitMeter.record(ms)),
  );
  // Counters catch up with new reports in batches (reads also catch up first, so counts are
  // exact whenever they are read; this keeps each batch small).
  const timer = setInterval(() => {
    try {
      catchUpCounters(opts.handle.sqlite);
    } catch (err) {
      app.log.warn({ err }, 'counters could not catch up; the next read will');
    }
  }, COUNTER_CATCH_UP_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  app.addHook('onClose', async () => opts.handle.close());
});
