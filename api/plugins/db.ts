import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db, DbHandle } from '../../db/client.ts';
import { CommitQueue } from '../../db/commit-queue.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    commitQueue: CommitQueue;
  }
}

/** Decorates the app with the injected database and closes it when the app closes. */
export const dbPlugin = fp(async (app: FastifyInstance, opts: { handle: DbHandle }) => {
  app.decorate('db', opts.handle.db);
  // Load shedding (protectionPlugin, registered first) judges the database by how long queued
  // reports wait for their commit.
  app.decorate(
    'commitQueue',
    new CommitQueue(opts.handle.sqlite, undefined, (ms) => app.commitMeter.record(ms)),
  );
  app.addHook('onClose', async () => opts.handle.close());
});
