// Exact, live statistics for signed-in staff (analysts and admins), over the reports that reached
// their own organisation only, with small cells suppressed, and each query audited. Never public:
// exact figures that change with each report are a clock (see docs/statistics.md).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../../db/repos/audit-repo.ts';
import { ErrorSchema } from '../../../src/contract/schemas.ts';
import { utcDay } from '../../../src/shared/months.ts';
import {
  type StatsQuery,
  StatsQuerySchema,
  StatsTableSchema,
} from '../../../src/statistics/tables.ts';
import { signedIn } from '../../plugins/staff-session.ts';

/**
 * Counts (off the request thread for a database file), audits and sends one exact table, as JSON
 * for the workspace or as a confidential CSV export. The body arrives as bytes and is sent as
 * they are; the route's schema documents it.
 */
async function sendExactTable(
  app: FastifyInstance,
  request: FastifyRequest,
  query: StatsQuery,
  reply: FastifyReply,
  csv: boolean,
): Promise<void> {
  const { member } = signedIn(request);
  const body = await app.orgStats.table(query, {
    k: app.config.statsK,
    orgId: member.orgId,
    ...(csv ? { format: { csv: { day: utcDay(app.clock()) } } } : {}),
  });
  recordAudit(app.db, {
    orgId: member.orgId,
    staffId: member.id,
    action: csv ? 'exact_stats_export' : 'exact_stats_query',
    at: app.clock().getTime(),
  });
  reply.header('Cache-Control', 'no-store');
  if (!csv) {
    await reply.type('application/json; charset=utf-8').send(body);
    return;
  }
  await reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', 'attachment; filename="voz-segura-confidencial.csv"')
    .send(body);
}

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
    async (request, reply) =>
      sendExactTable(app, request, request.query, reply as unknown as FastifyReply, false),
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
    async (request, reply) =>
      sendExactTable(app, request, request.query, reply as unknown as FastifyReply, true),
  );
};
