import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PowChallengeSchema } from '../../../src/contract/schemas.ts';
import { POW_ALGORITHM } from '../../../src/crypto/pow.ts';

export const powRoutes: FastifyPluginAsyncZod = async (app) => {
  // One client alone may not fetch enough challenges to set off the surge, which raises the
  // work for every reporter's phone: at most a fifth of the surge threshold a minute.
  const perClient = Math.max(
    1,
    Math.min(app.config.rateLimitReads, Math.floor(app.config.powSurgePerMinute / 5)),
  );
  app.get(
    '/api/pow',
    {
      config: { rateLimit: { max: perClient, timeWindow: 60_000 } },
      schema: {
        summary: 'A proof-of-work challenge to solve before submitting a report',
        response: { 200: PowChallengeSchema },
      },
    },
    async () => ({ algorithm: POW_ALGORITHM, ...app.pow.issue() }),
  );
};
