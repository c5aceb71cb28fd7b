// Who may publish a release. For now an organisation's release token (Authorization: Bearer);
// when staff accounts arrive this one function changes to check a staff session and role, and
// nothing else needs to.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { orgForTokenHash } from '../../db/repos/release-tokens-repo.ts';
import { releaseTokenHash } from '../../src/crypto/secret-hash.ts';
import { ApiError } from '../http/errors.ts';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

export function authoriseReleaseCreation(
  app: FastifyInstance,
  request: FastifyRequest,
): { orgId: string } {
  const match = BEARER.exec(request.headers.authorization ?? '');
  const orgId = match?.[1] ? orgForTokenHash(app.db, releaseTokenHash(app.sodium, match[1])) : null;
  if (!orgId) {
    throw new ApiError(
      401,
      'unauthorized',
      'Publishing a release needs an organisation release token: Authorization: Bearer <token>',
    );
  }
  return { orgId };
}
