// The public statistics pages. Their HTML is built by scripts/build-web.ts; these routes give
// them their permanent addresses. Registered only when the built assets are there.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getRelease } from '../../db/releases-repo.ts';
import { ApiError } from '../errors.ts';

export const pagesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/estadisticas', { schema: { hide: true } }, async (_request, reply) =>
    reply.sendFile('estadisticas.html'),
  );
  app.get(
    '/publicaciones/:id',
    { schema: { hide: true, params: z.object({ id: z.string().max(64) }) } },
    async (request, reply) => {
      if (!getRelease(app.db, request.params.id)) {
        throw new ApiError(404, 'not_found', `There is no release ${request.params.id}`);
      }
      return reply.sendFile('publicacion.html');
    },
  );
};
