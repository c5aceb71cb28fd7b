import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorSchema,
  ReportReceiptSchema,
  TransportKeySchema,
} from '../../../src/contract/schemas.ts';
import { REPORT_BODY_LIMIT } from '../../guards/body-limits.ts';
import {
  SealedSubmissionSchema,
  sealedReportSubmitter,
} from '../../services/reporter/submit-sealed-report.ts';

export const sealedReportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const submitSealed = sealedReportSubmitter({
    db: app.db,
    pow: app.pow,
    queue: app.commitQueue,
    sodium: app.sodium,
    transportKey: app.transportKey,
    clock: app.clock,
  });
  app.get(
    '/api/transport-key',
    {
      config: { rateLimit: { max: app.config.rateLimitReads, timeWindow: 60_000 } },
      schema: {
        summary: 'The key a phone seals a waiting (offline) report to',
        response: { 200: TransportKeySchema },
      },
    },
    async () => ({ publicKey: Buffer.from(app.transportKey.publicKey).toString('base64') }),
  );

  app.post(
    '/api/reports/sealed',
    {
      onRequest: app.admitSubmission,
      bodyLimit: REPORT_BODY_LIMIT,
      config: { rateLimit: { max: app.config.rateLimitReports, timeWindow: 10 * 60_000 } },
      schema: {
        summary: 'Submit a report that waited on the phone, sealed whole to the transport key',
        body: SealedSubmissionSchema,
        response: {
          201: ReportReceiptSchema,
          400: ErrorSchema,
          409: ErrorSchema,
          410: ErrorSchema,
          422: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await submitSealed(request.body);
      return reply.code(result.status).send(result.body);
    },
  );
};
