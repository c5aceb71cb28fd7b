import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorSchema,
  ReportReceiptSchema,
  reportSubmissionSchemaAt,
} from '../../../src/contract/schemas.ts';
import { REPORT_BODY_LIMIT } from '../../guards/body-limits.ts';
import { submitReport } from '../../services/reporter/submit-report.ts';

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/reports',
    {
      onRequest: app.admitSubmission,
      bodyLimit: REPORT_BODY_LIMIT,
      config: { rateLimit: { max: app.config.rateLimitReports, timeWindow: 10 * 60_000 } },
      schema: {
        summary: 'Submit a report: coarse facts in clear, everything identifying sealed',
        body: reportSubmissionSchemaAt(app.clock),
        response: {
          201: ReportReceiptSchema,
          400: ErrorSchema,
          409: ErrorSchema,
          410: ErrorSchema,
          413: ErrorSchema,
          415: ErrorSchema,
          422: ErrorSchema,
          429: ErrorSchema,
          503: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await submitReport(
        { db: app.db, pow: app.pow, queue: app.commitQueue, sodium: app.sodium },
        request.body,
        app.clock(),
      );
      return reply.code(result.status).send(result.body);
    },
  );
};
