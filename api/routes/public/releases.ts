import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ReleaseListSchema,
  ReleaseRequestSchema,
  ReleaseSchema,
  releaseCsv,
} from '../../../src/contract/releases.ts';
import { ErrorSchema } from '../../../src/contract/schemas.ts';
import { authoriseReleaseCreation } from '../../guards/release-auth.ts';
import { ApiError } from '../../http/errors.ts';
import { createRelease, readRelease } from '../../services/public/create-release.ts';
import { ReleaseList } from '../../services/public/release-list.ts';

const IdParamsSchema = z.strictObject({ id: z.string().regex(/^[0-9a-z-]{1,64}$/) });

export const releasesRoutes: FastifyPluginAsyncZod = async (app) => {
  const list = new ReleaseList(app.db.$client);
  // Reads are budgeted per client by the bytes they send (api/guards/read-budget.ts).
  const weighed = { onRequest: app.readBudget.admit, onSend: app.readBudget.charge };
  const found = (id: string) => {
    const release = readRelease(app.db, id);
    if (!release) throw new ApiError(404, 'not_found', `There is no release ${id}`);
    return release;
  };

  app.post(
    '/api/releases',
    {
      schema: {
        summary: 'Publish a release: chosen tables of the newest public snapshot, frozen and dated',
        description:
          'Needs `Authorization: Bearer <organisation release token>`. Tables are answers of the public catalogue (400 not_in_catalogue otherwise), taken from the newest snapshot, so a release adds no noise and spends no privacy. A release never changes; to correct one, publish a new release with `corrects`.',
        security: [{ releaseToken: [] }],
        body: ReleaseRequestSchema,
        response: {
          201: ReleaseSchema,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          409: ErrorSchema,
          422: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { orgId } = authoriseReleaseCreation(app, request);
      const release = createRelease(
        app.sodium,
        app.db,
        orgId,
        request.body,
        app.publicStats.current(),
        app.clock(),
      );
      // Serialised as stored: the response schema would reorder each cell's keys, and a
      // release's tables must read exactly as the public API's answers.
      return reply
        .code(201)
        .type('application/json; charset=utf-8')
        .serializer((payload: unknown) => JSON.stringify(payload))
        .send(release);
    },
  );

  app.get(
    '/api/releases',
    {
      ...weighed,
      schema: {
        summary: 'Every published release, oldest first',
        response: { 200: ReleaseListSchema },
      },
    },
    async (_request, typedReply) => {
      // Stored JSON text, one query a call and a parse only when a release was added; the
      // schema above documents it.
      const reply = typedReply as unknown as FastifyReply;
      return reply
        .type('application/json; charset=utf-8')
        .serializer((payload: unknown) => payload as string)
        .send(list.json());
    },
  );

  app.get(
    '/api/releases/:id',
    {
      ...weighed,
      schema: {
        summary: 'One release as JSON: method note and tables',
        params: IdParamsSchema,
        response: { 200: ReleaseSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const release = found(request.params.id);
      return reply
        .header('Content-Disposition', `inline; filename="voz-segura-${release.id}.json"`)
        .type('application/json; charset=utf-8')
        .serializer((payload: unknown) => JSON.stringify(payload))
        .send(release);
    },
  );

  app.get(
    '/api/releases/:id/csv',
    {
      ...weighed,
      schema: {
        summary: 'One release as CSV: a row per cell of every table, and one per total',
        params: IdParamsSchema,
        produces: ['text/csv'],
        response: { 200: z.string(), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const release = found(request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="voz-segura-${release.id}.csv"`)
        .serializer((payload: unknown) => String(payload))
        .send(releaseCsv(release));
    },
  );
};
