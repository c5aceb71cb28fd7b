// Exact, live statistics for signed-in staff (analysts and admins), over the reports that reached
// their own organisation only, with small cells suppressed, and each query audited. Never public:
// exact figures that change with each report are a clock (see docs/statistics.md).
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../db/audit-repo.ts';
import { utcDay } from '../../src/months.ts';
import { ErrorSchema } from '../../src/schemas.ts';
import { StatsQuerySchema, StatsTableSchema } from '../../src/stats.ts';
import { signedIn } from '../plugins/staff-session.ts';

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
    async (request, typedReply) => {
      const { member } = signedIn(request);
      // Counted, suppressed and serialised off the request thread for a database file.
      const body = await app.orgStats.table(request.query, {
        k: app.config.statsK,
        orgId: member.orgId,
      });
      recordAudit(app.db, {
        orgId: member.orgId,
        staffId: member.id,
        action: 'exact_stats_query',
        at: app.clock().getTime(),
      });
      // The body is already JSON bytes, sent as they are; the schema above documents it.
      const reply = typedReply as unknown as FastifyReply;
      return reply
        .type('application/json; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/api/org/stats/csv',
    {
      preHandler: app.requireStaff('exact_stats'),
      schema: {
        summary: 'The same exact table as CSV, marked confidential (analysts and admins; audited)',
        description:
          'For a court or the Defensoría: the first line says CONFIDENCIAL. Never publish it.',
        querystring: StatsQuerySchema,
        produces: ['text/csv'],
        response: { 200: z.string(), 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request, typedReply) => {
      const { member } = signedIn(request);
      const body = await app.orgStats.table(request.query, {
        k: app.config.statsK,
        orgId: member.orgId,
        format: { csv: { day: utcDay(app.clock()) } },
      });
      recordAudit(app.db, {
        orgId: member.orgId,
        staffId: member.id,
        action: 'exact_stats_export',
        at: app.clock().getTime(),
      });
      const reply = typedReply as unknown as FastifyReply;
      return reply
        .type('text/csv; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', 'attachment; filename="voz-segura-confidencial.csv"')
        .serializer((payload: unknown) => payload as string)
        .send(body);
    },
  );
};
