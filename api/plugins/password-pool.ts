import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { PasswordPool } from '../services/workspace/password-pool.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where staff passwords are hashed and checked: never on the request thread. */
    passwords: PasswordPool;
  }
}

/** Makes the password pool the app's, and ends its workers when the app closes. */
export const passwordPoolPlugin = fp(async (app: FastifyInstance, opts: { pool: PasswordPool }) => {
  app.decorate('passwords', opts.pool);
  app.addHook('onClose', async () => opts.pool.close());
});
