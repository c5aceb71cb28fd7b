// An address the site does not have gets the site's own 404 page when a person would see it (a
// page address, GET or HEAD), and the JSON error envelope anywhere under /api/, where programs
// read the answer.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Built by scripts/build-web.ts into web/dist. */
export const NOT_FOUND_PAGE = '404.html';

export function isPageRequest(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    path !== '/api' &&
    !path.startsWith('/api/')
  );
}

/** The 404 page, whole: no validators or ranges, which would turn it into a 304 or a 206. */
export function sendNotFoundPage(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .sendFile(NOT_FOUND_PAGE, { etag: false, lastModified: false, acceptRanges: false });
}
