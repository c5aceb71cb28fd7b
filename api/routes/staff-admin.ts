// Admin-only: the organisation's staff and its audit log.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit, recordAudit } from '../../db/audit-repo.ts';
import { listStaff } from '../../db/staff-repo.ts';
import { ErrorSchema } from '../../src/schemas.ts';
import {
  AuditListSchema,
  NewStaffSchema,
  StaffListSchema,
  StaffViewSchema,
} from '../../src/staff-schemas.ts';
import { signedIn } from '../plugins/staff-session.ts';
import { addStaff, deactivateStaff } from '../services/staff-admin.ts';
import { staffView } from '../services/staff-login.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

export const staffAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/org/staff',
    {
      preHandler: app.requireStaff('manage_staff'),
      schema: { response: { 200: StaffListSchema, ...errors } },
    },
    async (request) => {
      const ctx = signedIn(request);
      return { staff: listStaff(app.db, ctx.member.orgId).map(staffView) };
    },
  );

  app.post(
    '/api/org/staff',
    {
      preHandler: app.requireStaff('manage_staff'),
      schema: {
        body: NewStaffSchema,
        // 503: too many password hashes at once (api/services/password-pool.ts).
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
    async (request) => {
      const ctx = signedIn(request);
      const now = app.clock().getTime();
      recordAudit(app.db, {
        orgId: ctx.member.orgId,
        staffId: ctx.member.id,
        action: 'audit_read',
        at: now,
      });
      return {
        entries: listAudit(app.db, ctx.member.orgId).map((e) => ({
          at: new Date(e.at).toISOString(),
          staffId: e.staffId,
          action: e.action,
          reportId: e.reportId,
          subjectStaffId: e.subjectStaffId,
        })),
      };
    },
  );
};
