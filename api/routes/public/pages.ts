// The public pages' permanent addresses. Their HTML is built by scripts/build-web.ts; these routes
// give them their addresses, send the other spellings of an address to the one the site uses,
// and answer an unknown release with the site's 404 page. Registered only when the built assets
// are there.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getRelease } from '../../../db/repos/releases-repo.ts';
import { sendNotFoundPage } from '../../http/not-found-page.ts';

/** A release id is `YYYY-MM-DD-` and 8 hex digits (api/services/public/create-release.ts); never longer. */
const MAX_RELEASE_ID = 64;

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
    { schema: { hide: true, params: z.object({ id: z.string() }) } },
    async (request, reply) => {
      const { id } = request.params;
      if (id.length > MAX_RELEASE_ID || !getRelease(app.db, id)) return sendNotFoundPage(reply);
      return reply.sendFile('publicacion.html');
    },
  );
};
