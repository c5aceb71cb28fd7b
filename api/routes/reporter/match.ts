// The oblivious PRF for matching identifiers (issue 17). Each evaluation answers one guess of
// "is this the number?", so it costs what sending a report costs: proof of work, and the per-client
// limit keyed by a hashed address that is never stored (api/plugins/protection.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EvaluateBodySchema, EvaluateReplySchema } from '../../../src/contract/match-schemas.ts';
import { ErrorSchema } from '../../../src/contract/schemas.ts';
import { checkProofOfWork } from '../../guards/pow-guard.ts';
import { evaluateElements } from '../../services/reporter/match-evaluate.ts';

export const matchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/match/evaluate',
    {
      config: { rateLimit: { max: app.config.rateLimitReports, timeWindow: 10 * 60_000 } },
      preHandler: async (request) => checkProofOfWork(app.pow, request.body.pow),
      schema: {
        summary: 'Multiply blinded identifiers by the matching key (an oblivious PRF, RFC 9497)',
        body: EvaluateBodySchema,
        response: { 200: EvaluateReplySchema, 400: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request) => ({
      evaluated: evaluateElements(app.sodium, app.oprfKey, request.body.elements),
    }),
  );
};
