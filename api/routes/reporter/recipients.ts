import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listOrganisations } from '../../../db/repos/organisations-repo.ts';
import { RecipientListSchema } from '../../../src/contract/schemas.ts';

export const recipientsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/recipients',
    {
      config: { rateLimit: { max: app.config.rateLimitReads, timeWindow: 60_000 } },
      schema: {
        summary: 'Organisations a report can be sealed to, with their public keys',
        response: { 200: RecipientListSchema },
      },
    },
    async () => ({
      recipients: listOrganisations(app.db).map((o) => ({
        id: o.id,
        name: o.name,
        role: o.role,
        publicKey: o.publicKey.toString('base64'),
      })),
    }),
  );
};
