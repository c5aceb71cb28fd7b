import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { countBy } from '../../db/stats-repo.ts';
import { monthIndex } from '../../src/months.ts';
import { ErrorSchema } from '../../src/schemas.ts';
import { buildTable, MAX_MONTH_SPAN, StatsQuerySchema, StatsTableSchema } from '../../src/stats.ts';
import { ApiError } from '../errors.ts';

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
    async (request) => {
      const { by, from, to } = request.query;
      const result = countBy(app.db, { by, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      const span = result.months;
      if (
        by.includes('month') &&
        span &&
        monthIndex(span.to) - monthIndex(span.from) >= MAX_MONTH_SPAN
      ) {
        throw new ApiError(
          400,
          'range_too_wide',
          `A table by month may span at most ${MAX_MONTH_SPAN} months`,
          [
            {
              path: 'querystring.from',
              message: `set \`from\` and \`to\` at most ${MAX_MONTH_SPAN} months apart`,
            },
          ],
        );
      }
      return buildTable({ by, ...result, k: app.config.statsK });
    },
  );
};
