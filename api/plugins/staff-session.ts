// Staff sessions: an HttpOnly, SameSite=Strict cookie holding a random token whose hash is the
// only copy on the server; idle expiry; and a CSRF token (derived from the session) required on
// every request that changes something. Reporter routes never read or set this cookie.
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import {
  deleteSession,
  findSession,
  insertSession,
  type Staff,
  touchSession,
} from '../../db/repos/staff-repo.ts';
import {
  csrfTokenFor,
  hashSessionToken,
  newSessionToken,
  sameToken,
} from '../../src/crypto/staff-credentials.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/shared/staff-auth-limits.ts';
import { can, type Permission } from '../../src/shared/staff-roles.ts';
import { ApiError } from '../http/errors.ts';

export const SESSION_COOKIE = 'vs_staff';
// Behind TLS the cookie takes the __Host- prefix: the browser then insists on Secure and Path=/
// and refuses it from a sibling subdomain.
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const CSRF_HEADER = 'x-csrf-token';

export type StaffContext = { member: Staff; tokenHash: string; csrfToken: string };

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffContext | null;
  }
  interface FastifyInstance {
    startSession: (reply: FastifyReply, member: Staff) => Promise<string>;
    endSession: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireStaff: (permission?: Permission) => preHandlerAsyncHookHandler;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const staffSessionPlugin = fp(async (app, opts: { secureCookies: boolean }) => {
  await app.register(cookie);
  const sodium = app.sodium;
  const name = opts.secureCookies ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: opts.secureCookies,
    path: '/',
  };

  app.decorateRequest('staff', null);

  app.decorate('startSession', async (reply: FastifyReply, member: Staff): Promise<string> => {
    const token = newSessionToken(sodium);
    insertSession(app.db, hashSessionToken(sodium, token), member.id, app.clock().getTime());
    reply.setCookie(name, token, cookieOptions);
    return csrfTokenFor(sodium, token);
  });

  app.decorate('endSession', async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[name];
    if (token) deleteSession(app.db, hashSessionToken(sodium, token));
    reply.clearCookie(name, cookieOptions);
  });

  /** Loads the session, refuses expired ones and missing CSRF tokens, and checks the role. */
  app.decorate('requireStaff', (permission?: Permission): preHandlerAsyncHookHandler => {
    return async (request, reply) => {
      const token = request.cookies[name];
      if (!token) throw new ApiError(401, 'not_signed_in', 'Please sign in');
      const hash = hashSessionToken(sodium, token);
      const session = findSession(app.db, hash);
      const now = app.clock().getTime();
      if (
        !session?.member.active ||
        now - session.lastSeenAt > SESSION_IDLE_MS ||
        now - session.createdAt > SESSION_MAX_MS
      ) {
        if (session) deleteSession(app.db, hash);
        reply.clearCookie(name, cookieOptions);
        throw new ApiError(401, 'not_signed_in', 'Your session has ended; please sign in again');
      }
      const csrfToken = csrfTokenFor(sodium, token);
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !sameToken(sodium, sent, csrfToken)) {
          throw new ApiError(403, 'csrf_failed', 'The request lacks a valid CSRF token');
        }
      }
      if (permission && !can(session.member.role, permission)) {
        throw new ApiError(403, 'forbidden', 'Your role does not allow this');
      }
      touchSession(app.db, hash, now);
      request.staff = { member: session.member, tokenHash: hash, csrfToken };
    };
  });
});

/** The signed-in member; only for handlers behind requireStaff. */
export function signedIn(request: FastifyRequest): StaffContext {
  if (!request.staff) throw new ApiError(401, 'not_signed_in', 'Please sign in');
  return request.staff;
}
