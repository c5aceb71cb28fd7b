import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { POW_ALGORITHM } from '../../src/pow.ts';
import { PowChallengeSchema } from '../../src/schemas.ts';

export const powRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/pow',
    {
      config: { rateLimit: { max: app.config.rateLimitReads, timeWindow: 60_000 } },
      schema: {
        summary: 'A proof-of-work challenge to solve before submitting a report',
        response: { 200: PowChallengeSchema },
      },
    },
    async () => ({ algorithm: POW_ALGORITHM, ...app.pow.issue() }),
  );
};
