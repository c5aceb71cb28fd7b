// The reporter's way back in, with no account and no cookie: look up, add information, withdraw.
// All three share one throttle that identifies no one; each also has the per-client limit of
// submissions, so one client cannot spend that shared budget and lock everyone else out.

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddInfoBodySchema,
  FollowUpViewSchema,
  InformationReceivedSchema,
  TokenBodySchema,
} from '../../../src/contract/follow-up-schemas.ts';
import { ErrorSchema } from '../../../src/contract/schemas.ts';
import { MESSAGE_BODY_LIMIT } from '../../guards/body-limits.ts';
import { GlobalThrottle } from '../../guards/global-throttle.ts';
import { checkProofOfWork } from '../../guards/pow-guard.ts';
import { ApiError } from '../../http/errors.ts';
import { addInformation, lookUp, withdraw } from '../../services/reporter/follow-up.ts';

// 60 attempts a minute for everyone together: plenty for people following up, while a guesser
// would need on the order of 10^16 / 60 minutes to find one code.
export const FOLLOW_UP_LIMIT = 60;
const WINDOW_MS = 60_000;

const errors = { 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema };

export const followUpRoutes: FastifyPluginAsyncZod = async (app) => {
  const throttle = new GlobalThrottle(FOLLOW_UP_LIMIT, WINDOW_MS);
  // Checked before the proof of work and the shared budget (see protection.ts): at 30 per 10
  // minutes, one address can use at most a twentieth of the shared budget.
  const perClient = {
    rateLimit: { max: app.config.rateLimitReports, timeWindow: 10 * 60_000 },
  };
  const gate = async (request: { body: unknown }): Promise<void> => {
    // Proof of work first, so requests that did not pay never use up the shared budget.
    checkProofOfWork(app.pow, (request.body as { pow?: { challenge: string; nonce: string } }).pow);
    if (!throttle.take(app.clock().getTime())) {
      throw new ApiError(
        429,
        'rate_limited',
        'Too many look-ups right now; wait a minute and try again',
      );
    }
  };

  app.post(
    '/api/follow-up/lookup',
    {
      preHandler: gate,
      config: perClient,
      schema: {
        summary: 'The status of a report and its replies, for the holder of the receipt code',
        body: TokenBodySchema,
        response: { 200: FollowUpViewSchema, ...errors },
      },
    },
    async (request) => lookUp(app.sodium, app.db, request.body.token),
  );

  app.post(
    '/api/follow-up/information',
    {
      preHandler: gate,
      bodyLimit: MESSAGE_BODY_LIMIT,
      config: perClient,
      schema: {
        summary: 'Add information to a report, sealed to the organisations that have it',
        body: AddInfoBodySchema,
        response: { 201: InformationReceivedSchema, ...errors, 422: ErrorSchema },
      },
    },
    async (request, reply) => {
      addInformation(app.sodium, app.db, request.body, app.clock());
      return reply.code(201).send({ status: 'received' });
    },
  );

  app.post(
    '/api/follow-up/withdraw',
    {
      preHandler: gate,
      config: perClient,
      schema: {
        summary: 'Withdraw a report: its boxes are deleted and it leaves future counts',
        body: TokenBodySchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      withdraw(app.sodium, app.db, request.body.token);
      app.contentRemoved();
      return reply.code(204).send(null);
    },
  );
};
