import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorSchema } from '../../src/schemas.ts';
import { StatsQuerySchema, StatsTableSchema } from '../../src/stats.ts';
import { statsTable } from '../services/stats-table.ts';

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/stats',
    {
      config: { rateLimit: { max: app.config.rateLimitReads, timeWindow: 60_000 } },
      schema: {
        summary: 'Report counts by 1 to 3 facts, with small cells suppressed',
        querystring: StatsQuerySchema,
        response: { 200: StatsTableSchema, 400: ErrorSchema },
      },
    },
    // Serialised here: the table is built from typed code, and checking thousands of cells
    // against the response schema again would cost more than the counting.
    async (request, reply) =>
      reply
        .serializer((payload: unknown) => JSON.stringify(payload))
        .send(statsTable(app.db, request.query, app.config.statsK)),
  );
};
