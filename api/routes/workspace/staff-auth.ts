// Signing in and out, the current session, the member's own wrapped key, and TOTP set-up.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema } from '../../../src/contract/schemas.ts';
import {
  LoginReplySchema,
  LoginSchema,
  PasswordChangeSchema,
  SessionStateSchema,
  SessionViewSchema,
  TotpConfirmSchema,
  TotpSetupSchema,
  WrappedKeyBodySchema,
} from '../../../src/contract/staff-schemas.ts';
import { LoginThrottle } from '../../guards/login-throttle.ts';
import { ApiError } from '../../http/errors.ts';
import { type StaffContext, signedIn } from '../../plugins/staff-session.ts';
import {
  confirmTotp,
  recordLogout,
  saveWrappedKey,
  sessionView,
  startTotp,
} from '../../services/workspace/staff-account.ts';
import {
  changePassword,
  checkLogin,
  type SignInDeps,
  staffView,
} from '../../services/workspace/staff-login.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };
// 429: too many attempts (per e-mail or per client); 503: too many password checks at once.
const busy = { 429: ErrorSchema, 503: ErrorSchema };

export const staffAuthRoutes: FastifyPluginAsyncZod = async (app) => {
  const throttle = new LoginThrottle();
  const now = (): number => app.clock().getTime();
  const signIn: SignInDeps = { db: app.db, passwords: app.passwords, throttle, now };
  // Per client address, before the body is read: each attempt costs a password check, and the
  // per-e-mail throttle does nothing against new e-mails. Password changes check one too.
  const perClient = {
    rateLimit: { max: app.config.rateLimitSignIns, timeWindow: 10 * 60_000 },
  };

  app.post(
    '/api/staff/login',
    {
      config: perClient,
      // A full pool refuses before the body is read; the check at the pool still decides.
      onRequest: async () => app.passwords.checkRoom(),
      schema: {
        summary: 'Staff sign-in; sets the session cookie',
        body: LoginSchema,
        response: {
          200: LoginReplySchema,
          ...errors,
          ...busy,
        },
      },
    },
    async (request, reply) => {
      const member = await checkLogin(signIn, request.body);
      const csrfToken = await app.startSession(reply, member);
      return { staff: staffView(member), csrfToken };
    },
  );

  app.post(
    '/api/staff/logout',
    { preHandler: app.requireStaff(), schema: { response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      recordLogout(app.db, signedIn(request).member, now());
      await app.endSession(request, reply);
      return reply.code(204).send(null);
    },
  );

  const sessionOf = (ctx: StaffContext) => sessionView(app.db, ctx.member, ctx.csrfToken);

  app.get(
    '/api/staff/me',
    { preHandler: app.requireStaff(), schema: { response: { 200: SessionViewSchema, ...errors } } },
    async (request) => sessionOf(signedIn(request)),
  );

  // The workspace asks this when it opens: "not signed in" is an answer here, not a failure,
  // so a browser opening /equipo/ logs no error before anyone signs in.
  const requireSession = app.requireStaff();
  app.get(
    '/api/staff/session',
    {
      schema: {
        summary: 'Whether this browser is signed in, and if so the session (never 401)',
        response: { 200: SessionStateSchema, ...errors },
      },
    },
    async (request, reply) => {
      try {
        await requireSession.call(app, request, reply);
      } catch (err) {
        if (err instanceof ApiError && err.statusCode === 401) return { signedIn: false as const };
        throw err;
      }
      return { signedIn: true as const, ...sessionOf(signedIn(request)) };
    },
  );

  app.put(
    '/api/staff/me/wrapped-key',
    {
      preHandler: app.requireStaff('read_reports'),
      schema: { body: WrappedKeyBodySchema, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      saveWrappedKey(app.db, signedIn(request).member, request.body, now());
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/staff/me/password',
    {
      preHandler: app.requireStaff(),
      config: perClient,
      schema: {
        body: PasswordChangeSchema,
        response: { 204: z.null(), ...errors, ...busy },
      },
    },
    async (request, reply) => {
      const ctx = signedIn(request);
      await changePassword(signIn, ctx.member, request.body, ctx.tokenHash);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/staff/me/totp',
    { preHandler: app.requireStaff(), schema: { response: { 200: TotpSetupSchema, ...errors } } },
    async (request) => startTotp(app.db, signedIn(request).member),
  );

  app.post(
    '/api/staff/me/totp/confirm',
    {
      preHandler: app.requireStaff(),
      schema: { body: TotpConfirmSchema, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      confirmTotp(app.db, signedIn(request).member, request.body.code, now());
      return reply.code(204).send(null);
    },
  );
};
