// The public pages' permanent addresses. Their HTML is built by scripts/build-web.ts; these routes
// give them their addresses and send the other spellings of an address to the one the site uses.
// Registered only when the built assets are there.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getRelease } from '../../db/releases-repo.ts';
import { ApiError } from '../errors.ts';

/**
 * Other spellings of an address, and where each belongs. The workspace and follow-up are
 * directories (their pages load from them), the dashboard is not. There is no page listing
 * releases on its own: the list is on the dashboard, so /publicaciones goes there.
 */
const CANONICAL: ReadonlyArray<readonly [string, string]> = [
  ['/seguimiento', '/seguimiento/'],
  ['/equipo', '/equipo/'],
  ['/estadisticas/', '/estadisticas'],
  ['/publicaciones', '/estadisticas#releases'],
  ['/publicaciones/', '/estadisticas#releases'],
];

/** A permanent redirect that keeps the query string (the dashboard's ?lang=en, say). */
function redirectTo(target: string) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const at = request.url.indexOf('?');
    const query = at === -1 ? '' : request.url.slice(at);
    const [path = '', fragment] = target.split('#');
    return reply.redirect(`${path}${query}${fragment ? `#${fragment}` : ''}`, 301);
  };
}

export const pagesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/estadisticas', { schema: { hide: true } }, async (_request, reply) =>
    reply.sendFile('estadisticas.html'),
  );
  for (const [from, to] of CANONICAL) app.get(from, { schema: { hide: true } }, redirectTo(to));
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
