// Who may publish a release. For now an organisation's release token (Authorization: Bearer);
// when staff accounts arrive this one function changes to check a staff session and role, and
// nothing else needs to.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { orgForTokenHash } from '../db/release-tokens-repo.ts';
import { ApiError } from './errors.ts';
import { releaseTokenHash } from './services/release-token.ts';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

export function authoriseReleaseCreation(request: FastifyRequest, db: Db): { orgId: string } {
  const match = BEARER.exec(request.headers.authorization ?? '');
  const orgId = match?.[1] ? orgForTokenHash(db, releaseTokenHash(match[1])) : null;
  if (!orgId) {
    throw new ApiError(
      401,
      'unauthorized',
      'Publishing a release needs an organisation release token: Authorization: Bearer <token>',
    );
  }
  return { orgId };
}
