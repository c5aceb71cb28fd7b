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
  app.decorate('commitQueue', new CommitQueue(opts.handle.sqlite));
  app.addHook('onClose', async () => opts.handle.close());
});
