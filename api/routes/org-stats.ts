// Exact, live statistics for signed-in staff (analysts and admins), over the reports that reached
// their own organisation only, with small cells suppressed, and each query audited. Never public:
// exact figures that change with each report are a clock (see docs/statistics.md).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordAudit } from '../../db/audit-repo.ts';
import { ErrorSchema } from '../../src/schemas.ts';
import { StatsQuerySchema, StatsTableSchema } from '../../src/stats.ts';
import { signedIn } from '../plugins/staff-session.ts';
import { statsTable } from '../services/stats-table.ts';

export const orgStatsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/org/stats',
    {
      preHandler: app.requireStaff('exact_stats'),
      schema: {
        summary: 'Exact counts of your organisation’s reports (analysts and admins; confidential)',
        description:
          'Live, exact counts by 1 to 3 facts with small cells suppressed, over the reports sealed to the signed-in member’s organisation. Audited. Do not publish: the public figures are GET /api/stats.',
        querystring: StatsQuerySchema,
        response: {
          200: StatsTableSchema,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { member } = signedIn(request);
      const table = statsTable(app.db, request.query, app.config.statsK, { orgId: member.orgId });
      recordAudit(app.db, {
        orgId: member.orgId,
        staffId: member.id,
        action: 'exact_stats_query',
        at: app.clock().getTime(),
      });
      return reply
        .header('Cache-Control', 'no-store')
        .serializer((payload: unknown) => JSON.stringify(payload))
        .send({ ...table, confidential: true } as typeof table);
    },
  );
};
