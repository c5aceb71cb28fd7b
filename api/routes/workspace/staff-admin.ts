// Admin-only: the organisation's staff and its audit log.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorSchema } from '../../../src/contract/schemas.ts';
import {
  AuditListSchema,
  NewStaffSchema,
  StaffListSchema,
  StaffViewSchema,
} from '../../../src/contract/staff-schemas.ts';
import { signedIn } from '../../plugins/staff-session.ts';
import {
  addStaff,
  deactivateStaff,
  readAudit,
  staffOf,
} from '../../services/workspace/staff-admin.ts';
import { staffView } from '../../services/workspace/staff-login.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

export const staffAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/org/staff',
    {
      preHandler: app.requireStaff('manage_staff'),
      schema: { response: { 200: StaffListSchema, ...errors } },
    },
    async (request) => staffOf(app.db, signedIn(request).member),
  );

  app.post(
    '/api/org/staff',
    {
      preHandler: app.requireStaff('manage_staff'),
      schema: {
        body: NewStaffSchema,
        // 503: too many password hashes at once (api/services/workspace/password-pool.ts).
        response: { 201: StaffViewSchema, ...errors, 409: ErrorSchema, 503: ErrorSchema },
      },
    },
    async (request, reply) => {
      const ctx = signedIn(request);
      const created = await addStaff(app.db, app.passwords, ctx.member, request.body, app.clock());
      return reply.code(201).send(staffView(created));
    },
  );

  app.post(
    '/api/org/staff/:id/deactivate',
    {
      preHandler: app.requireStaff('manage_staff'),
      schema: {
        params: z.object({ id: z.string().max(64) }),
        response: { 204: z.null(), ...errors, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const ctx = signedIn(request);
      deactivateStaff(app.db, ctx.member, request.params.id, app.clock());
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/org/audit',
    {
      preHandler: app.requireStaff('read_audit'),
      schema: { response: { 200: AuditListSchema, ...errors } },
    },
    async (request) => readAudit(app.db, signedIn(request).member, app.clock().getTime()),
  );
};
