// Signing in and out, the current session, the member's own wrapped key, and TOTP set-up.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../db/audit-repo.ts';
import { findOrganisation } from '../../db/organisations-repo.ts';
import { updateStaff } from '../../db/staff-repo.ts';
import { WrappedKeySchema } from '../../src/key-wrap.ts';
import { ErrorSchema } from '../../src/schemas.ts';
import { newTotpSecret, totpStep, totpUri } from '../../src/staff-auth.ts';
import {
  LoginSchema,
  PasswordChangeSchema,
  SessionViewSchema,
  StaffViewSchema,
  TotpConfirmSchema,
  TotpSetupSchema,
  WrappedKeyBodySchema,
} from '../../src/staff-schemas.ts';
import { ApiError } from '../errors.ts';
import { LoginThrottle } from '../login-throttle.ts';
import { signedIn } from '../plugins/staff-session.ts';
import { changePassword, checkLogin, staffView } from '../services/staff-login.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };
// 429: too many attempts (per e-mail or per client); 503: too many password checks at once.
const busy = { 429: ErrorSchema, 503: ErrorSchema };

export const staffAuthRoutes: FastifyPluginAsyncZod = async (app) => {
  const throttle = new LoginThrottle();
  const now = (): number => app.clock().getTime();
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
          200: z.object({ staff: StaffViewSchema, csrfToken: z.string() }),
          ...errors,
          ...busy,
        },
      },
    },
    async (request, reply) => {
      const member = await checkLogin(app.db, app.passwords, throttle, request.body, now);
      const csrfToken = await app.startSession(reply, member);
      return { staff: staffView(member), csrfToken };
    },
  );

  app.post(
    '/api/staff/logout',
    { preHandler: app.requireStaff(), schema: { response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const m = signedIn(request).member;
      recordAudit(app.db, {
        orgId: m.orgId,
        staffId: m.id,
        action: 'logout',
        at: app.clock().getTime(),
      });
      await app.endSession(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/staff/me',
    { preHandler: app.requireStaff(), schema: { response: { 200: SessionViewSchema, ...errors } } },
    async (request) => {
      const ctx = signedIn(request);
      const org = findOrganisation(app.db, ctx.member.orgId);
      if (!org) throw new ApiError(401, 'not_signed_in', 'Please sign in');
      return {
        staff: staffView(ctx.member),
        organisation: {
          id: org.id,
          name: org.name,
          role: org.role,
          publicKey: org.publicKey.toString('base64'),
        },
        csrfToken: ctx.csrfToken,
        wrappedKey: ctx.member.wrappedKey
          ? WrappedKeySchema.parse(JSON.parse(ctx.member.wrappedKey))
          : null,
      };
    },
  );

  app.put(
    '/api/staff/me/wrapped-key',
    {
      preHandler: app.requireStaff('read_reports'),
      schema: { body: WrappedKeyBodySchema, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const m = signedIn(request).member;
      updateStaff(app.db, m.id, { wrappedKey: JSON.stringify(request.body.wrappedKey) });
      recordAudit(app.db, {
        orgId: m.orgId,
        staffId: m.id,
        action: 'key_rewrapped',
        at: app.clock().getTime(),
      });
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
      await changePassword(
        app.db,
        app.passwords,
        throttle,
        ctx.member,
        request.body,
        ctx.tokenHash,
        now,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/staff/me/totp',
    { preHandler: app.requireStaff(), schema: { response: { 200: TotpSetupSchema, ...errors } } },
    async (request) => {
      const m = signedIn(request).member;
      if (m.totpEnabled) throw new ApiError(400, 'totp_already_enabled', 'TOTP is already on');
      const secret = newTotpSecret();
      updateStaff(app.db, m.id, { totpSecret: secret });
      return { secret, uri: totpUri(secret, m.email) };
    },
  );

  app.post(
    '/api/staff/me/totp/confirm',
    {
      preHandler: app.requireStaff(),
      schema: { body: TotpConfirmSchema, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const m = signedIn(request).member;
      if (!m.totpSecret) throw new ApiError(400, 'totp_not_started', 'Start TOTP set-up first');
      const step = totpStep(m.totpSecret, request.body.code, app.clock().getTime());
      if (step === null) throw new ApiError(400, 'invalid_totp', 'The 6-digit code is not right');
      updateStaff(app.db, m.id, { totpEnabled: true, totpLastStep: step });
      recordAudit(app.db, {
        orgId: m.orgId,
        staffId: m.id,
        action: 'totp_enabled',
        at: app.clock().getTime(),
      });
      return reply.code(204).send(null);
    },
  );
};
