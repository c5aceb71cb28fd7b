import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CryptoInputError, openJson } from '../../src/crypto.ts';
import {
  ErrorSchema,
  ProofOfWorkSchema,
  ReportReceiptSchema,
  ReportSubmissionSchema,
} from '../../src/schemas.ts';
import { REPORT_BODY_LIMIT } from '../body-limits.ts';
import { ApiError } from '../errors.ts';
import { checkProofOfWork, submitReport } from '../services/submit-report.ts';

// A whole submission sealed to the transport key is at most this large (see REPORT_BODY_LIMIT).
const MAX_ENVELOPE_BASE64 = 700 * 1024;

export const SealedSubmissionSchema = z.strictObject({
  id: z.uuidv4('must be a UUID v4 made by the client'),
  envelope: z.base64('must be standard base64 with padding').max(MAX_ENVELOPE_BASE64),
  pow: ProofOfWorkSchema.optional(),
});

export const sealedReportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/transport-key',
    {
      config: { rateLimit: { max: app.config.rateLimitReads, timeWindow: 60_000 } },
      schema: {
        summary: 'The key a phone seals a waiting (offline) report to',
        response: { 200: z.object({ publicKey: z.string() }) },
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
      const { id, envelope, pow } = request.body;
      // The proof of work is checked before the envelope is opened and before anything stored
      // is looked at: opening up to 700 KB costs the server, and an answer that depended on a
      // stored id would tell anyone holding a UUID whether that report exists. A retry of a
      // stored report pays with a fresh proof too.
      checkProofOfWork(app.pow, pow);
      let inner: unknown;
      try {
        inner = openJson(
          app.sodium,
          Buffer.from(envelope, 'base64'),
          app.transportKey.publicKey,
          app.transportKey.secretKey,
        );
      } catch (err) {
        const why = err instanceof CryptoInputError ? err.message : 'cannot be opened';
        throw new ApiError(400, 'envelope_invalid', `The envelope ${why}`, [
          { path: 'body.envelope', message: why },
        ]);
      }
      const parsed = ReportSubmissionSchema.safeParse(inner);
      if (!parsed.success) {
        throw new ApiError(
          400,
          'envelope_invalid',
          'The sealed submission is not a valid report',
          parsed.error.issues.map((i) => ({
            path: ['body', 'envelope', ...i.path].join('.'),
            message: i.message,
          })),
        );
      }
      if (parsed.data.id !== id) {
        throw new ApiError(400, 'envelope_invalid', 'The envelope holds a different report id', [
          { path: 'body.id', message: 'does not match the sealed report' },
        ]);
      }
      const result = await submitReport(
        { db: app.db, pow: app.pow, queue: app.commitQueue },
        pow ? { ...parsed.data, pow } : parsed.data,
        app.clock(),
        // A proof checked here is released by submitReport if the database cannot be written.
        { powChecked: true },
      );
      return reply.code(result.status).send(result.body);
    },
  );
};
