// One error envelope for every failure: { error: { code, message, issues? } }.

import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../src/contract/error-codes.ts';
import type { ErrorBody } from '../../src/contract/schemas.ts';
import { ConditionLog } from './condition-log.ts';
import { isPageRequest, sendNotFoundPage } from './not-found-page.ts';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

/** A refusal that may succeed later: answered with a Retry-After header (seconds). */
export class TryLaterError extends ApiError {
  constructor(
    statusCode: 429 | 503,
    code: ErrorCode,
    message: string,
    readonly retryAfterS: number,
  ) {
    super(statusCode, code, message);
  }
}

export function errorBody(
  code: ErrorCode,
  message: string,
  issues?: ErrorBody['error']['issues'],
): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

/** The whole HTTP response to a request the parser refused, as bytes to write to the socket. */
export function rawClientError(
  error: { code?: string },
  headers: Readonly<Record<string, string>>,
): string {
  const [status, reason, code, message]: [number, string, ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          'headers_too_large',
          'The request headers are too large',
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request_timeout', 'The request took too long to arrive']
        : [400, 'Bad Request', 'bad_request', 'The request could not be read'];
  const body = JSON.stringify(errorBody(code, message));
  const lines = Object.entries({
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  }).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${reason}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

// Fastify's own client errors, named in our vocabulary.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_VALIDATION: 'invalid_request',
};

const STORAGE_RETRY_AFTER_S = 30;
const STORAGE_UNAVAILABLE =
  /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|CANTOPEN|READONLY|PROTOCOL)(_|$)/;

/** better-sqlite3's error for a database that cannot be written just now. */
export function isStorageUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_UNAVAILABLE.test(code);
}

export function registerErrorHandling(
  app: FastifyInstance,
  opts: {
    /** The built pages are served, so an unknown page address gets the site's 404 page. */
    pages?: boolean;
  } = {},
): void {
  const storage = new ConditionLog((fields, message) => app.log.warn(fields, message));
  app.setErrorHandler((err: FastifyError, request, reply) => {
    // An error is never cached, even from a route that had chosen to be (a static bundle).
    reply.header('cache-control', 'no-store');
    if (err instanceof ApiError) {
      if (err instanceof TryLaterError) reply.header('retry-after', String(err.retryAfterS));
      return reply.code(err.statusCode).send(errorBody(err.code, err.message, err.issues));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const issues = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'is not valid',
      }));
      const fields = [...new Set(issues.map((i) => i.path))].join(', ');
      return reply
        .code(400)
        .send(errorBody('invalid_request', `The request has invalid fields: ${fields}`, issues));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[err.code] ?? (status === 429 ? 'rate_limited' : 'bad_request');
      return reply.code(status).send(errorBody(code, err.message));
    }
    // The database could not be written (locked by another process, disk full, I/O error):
    // nothing was stored, and trying again later can work, so say that (the form then keeps the
    // report on the phone and sends it later). Logged as a condition, not once per request.
    if (isStorageUnavailable(err)) {
      storage.refused(String((err as { code?: unknown }).code));
      return reply
        .code(503)
        .header('retry-after', String(STORAGE_RETRY_AFTER_S))
        .send(
          errorBody(
            'unavailable',
            'The service cannot store reports right now. Nothing was stored; try again later.',
          ),
        );
    }
    // Log the cause without the request body, headers or client address.
    request.log.error(
      { err, route: request.routeOptions.url, method: request.method },
      'request failed',
    );
    return reply
      .code(500)
      .send(errorBody('internal', 'Something went wrong on our side. Nothing was stored.'));
  });

  app.setNotFoundHandler((request, reply) => {
    if (opts.pages && isPageRequest(request)) return sendNotFoundPage(reply);
    return reply
      .code(404)
      .send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });
}
