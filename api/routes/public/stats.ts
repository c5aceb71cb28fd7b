import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorSchema } from '../../../src/contract/schemas.ts';
import { PublicStatsSchema } from '../../../src/statistics/public-query.ts';
import { StatsQuerySchema } from '../../../src/statistics/tables.ts';
import type { PublicStats } from '../../services/public/public-stats.ts';

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const stats = app.publicStats;
  app.get(
    '/api/stats',
    {
      // Weighted by bytes sent, like the releases (api/guards/read-budget.ts).
      onRequest: app.readBudget.admit,
      onSend: app.readBudget.charge,
      schema: {
        summary: 'Published report counts, with noise and a 90% interval on every figure',
        description:
          'Answered from the newest periodic snapshot only: a table of the fixed catalogue, a slice of it, or a sum of its months. Anything else gets 400 not_in_catalogue with the list of what is available. Exact figures are for signed-in staff (GET /api/org/stats).',
        querystring: StatsQuerySchema,
        response: { 200: PublicStatsSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, typedReply) => {
      const answer = stats.answer(request.query);
      // The stored answer is already JSON text; the schema above documents it.
      const reply = typedReply as unknown as FastifyReply;
      reply
        .type('application/json; charset=utf-8')
        .header('ETag', answer.etag)
        .header('Cache-Control', 'public, max-age=300')
        .header('Vary', 'Accept-Encoding');
      if (request.headers['if-none-match'] === answer.etag) return reply.code(304).send();
      const serialize = (payload: unknown): string => payload as string;
      if (acceptsBrotli(request.headers['accept-encoding'])) {
        return reply.header('Content-Encoding', 'br').serializer(serialize).send(answer.brotli);
      }
      return reply.serializer(serialize).send(answer.json);
    },
  );
};

/**
 * Whether Accept-Encoding allows brotli: named with a weight above 0, or left to `*` above 0.
 * `br;q=0` refuses it (RFC 9110, 12.5.3), so it must not be sent bytes it cannot read.
 */
function acceptsBrotli(header: string | undefined): boolean {
  let star = false;
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'br') return allowed;
    if (name === '*') star = allowed;
  }
  return star;
}

declare module 'fastify' {
  interface FastifyInstance {
    publicStats: PublicStats;
  }
}
