import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorSchema } from '../../src/schemas.ts';
import { StatsQuerySchema, StatsTableSchema } from '../../src/stats.ts';
import { statsTable } from '../services/stats-table.ts';

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/stats',
    {
      schema: {
        summary: 'Report counts by 1 to 3 facts, with small cells suppressed',
        querystring: StatsQuerySchema,
        response: { 200: StatsTableSchema, 400: ErrorSchema },
      },
    },
    async (request) => statsTable(app.db, request.query, app.config.statsK),
  );
};
