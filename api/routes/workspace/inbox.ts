// The organisation inbox and legal-aid intake queue. Boxes go only to members who may decrypt
// (never analysts), and only their own organisation's boxes.

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { replyKeysFor } from '../../../db/repos/follow-up-repo.ts';
import { findOrganisation } from '../../../db/repos/organisations-repo.ts';
import {
  CaseStatusBodySchema,
  CreatedSchema,
  InboxItemSchema,
  InboxListSchema,
  InboxQuerySchema,
  NoteBodySchema,
  ReplyBodySchema,
  ReportIdParamsSchema,
  StatusBodySchema,
} from '../../../src/contract/inbox-schemas.ts';
import { ErrorSchema } from '../../../src/contract/schemas.ts';
import { MESSAGE_BODY_LIMIT } from '../../guards/body-limits.ts';
import { signedIn } from '../../plugins/staff-session.ts';
import {
  addNote,
  addReply,
  changeCaseStatus,
  changeStatus,
  inboxFor,
  openReport,
  recordIntakePrinted,
} from '../../services/workspace/inbox.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const done = { 204: z.null(), ...errors, 409: ErrorSchema };

export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const replyKeys = (ids: readonly string[]) => replyKeysFor(app.db, ids);

  app.get(
    '/api/org/reports',
    {
      preHandler: app.requireStaff('read_reports'),
      schema: { querystring: InboxQuerySchema, response: { 200: InboxListSchema, ...errors } },
    },
    async (request) => ({
      reports: inboxFor(app.db, signedIn(request).member, request.query, replyKeys, app.clock()),
    }),
  );

  app.get(
    '/api/org/intake',
    {
      preHandler: app.requireStaff('read_reports'),
      schema: { response: { 200: InboxListSchema, ...errors } },
    },
    async (request) => {
      const { member } = signedIn(request);
      // Legal-aid boxes exist only for reporters who asked for legal aid, so every report sealed
      // to a legal-aid organisation belongs in its intake queue.
      if (findOrganisation(app.db, member.orgId)?.role !== 'legal_aid') {
        return { reports: [] };
      }
      return { reports: inboxFor(app.db, member, {}, replyKeys, app.clock()) };
    },
  );

  app.get(
    '/api/org/reports/:id',
    {
      preHandler: app.requireStaff('read_reports'),
      schema: { params: ReportIdParamsSchema, response: { 200: InboxItemSchema, ...errors } },
    },
    async (request) =>
      openReport(app.db, signedIn(request).member, request.params.id, replyKeys, app.clock()),
  );

  app.put(
    '/api/org/reports/:id/status',
    {
      preHandler: app.requireStaff('triage'),
      schema: { params: ReportIdParamsSchema, body: StatusBodySchema, response: done },
    },
    async (request, reply) => {
      changeStatus(
        app.db,
        signedIn(request).member,
        request.params.id,
        request.body.status,
        app.clock(),
      );
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/org/reports/:id/case-status',
    {
      preHandler: app.requireStaff('triage'),
      schema: { params: ReportIdParamsSchema, body: CaseStatusBodySchema, response: done },
    },
    async (request, reply) => {
      const { member } = signedIn(request);
      const role = findOrganisation(app.db, member.orgId)?.role ?? 'advocacy';
      changeCaseStatus(
        app.db,
        member,
        role,
        request.params.id,
        request.body.caseStatus,
        app.clock(),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/org/reports/:id/notes',
    {
      bodyLimit: MESSAGE_BODY_LIMIT,
      preHandler: app.requireStaff('triage'),
      schema: {
        params: ReportIdParamsSchema,
        body: NoteBodySchema,
        response: { 201: CreatedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const id = addNote(
        app.db,
        signedIn(request).member,
        request.params.id,
        request.body.box,
        app.clock(),
      );
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/org/reports/:id/replies',
    {
      bodyLimit: MESSAGE_BODY_LIMIT,
      preHandler: app.requireStaff('triage'),
      schema: {
        params: ReportIdParamsSchema,
        body: ReplyBodySchema,
        response: { 201: CreatedSchema, ...errors, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const hasKey = replyKeys([request.params.id]).size > 0;
      const id = addReply(
        app.db,
        signedIn(request).member,
        request.params.id,
        request.body,
        hasKey,
        app.clock(),
      );
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/org/reports/:id/intake-printed',
    {
      preHandler: app.requireStaff('read_reports'),
      schema: { params: ReportIdParamsSchema, response: done },
    },
    async (request, reply) => {
      recordIntakePrinted(app.db, signedIn(request).member, request.params.id, app.clock());
      return reply.code(204).send(null);
    },
  );
};
