// The pages' one way to ask the service: fetch, then check the reply rather than trust it. A
// success must match the schema the caller names (the one its route answers with, from
// src/contract); a refusal becomes an ApiFailure carrying the service's error code. Anything else
// (a captive portal's page, a proxy's answer, a reply of another shape) is an UnexpectedReply,
// which a page handles as it handles a failed connection: it is never used.
//
// No zod here: the check is passed in, so a page pays for zod only when it imports a schema.
// The light pages pass a hand-written guard instead (reply-guards.ts, with checkedBy).
import { ERROR_CODES, type ErrorCode } from '../../../src/contract/error-codes.ts';
import type { ErrorBody } from '../../../src/contract/schemas.ts';
import { arrayOf, type Guard, isString, object, oneOf, optional } from './reply-guards.ts';

/** What checks a reply: a zod schema, or a guard with the same method. */
export type ReplyCheck<T> = {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
};

/** A hand-written guard (reply-guards.ts) as the check of a reply. */
export const checkedBy = <T>(guard: Guard<T>): ReplyCheck<T> => ({
  safeParse: (data) => (guard(data) ? { success: true, data } : { success: false }),
});

/** The reply of a route that answers 204, with no body. */
export const NO_CONTENT = /* @__PURE__ */ checkedBy(
  (data): data is undefined => data === undefined,
);

type Issue = NonNullable<ErrorBody['error']['issues']>[number];

/**
 * A refusal by the service, with its error code; 'unknown' when the refusal was not in the
 * service's envelope `{ error: { code, message, issues? } }` (a proxy's or a firewall's page).
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'unknown',
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

/** A success whose body is not what the route answers: not used, like a failed connection. */
export class UnexpectedReply extends Error {}

export type ApiRequest = {
  method?: 'GET' | 'POST' | 'PUT';
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  cache?: RequestCache;
  signal?: AbortSignal;
};

/**
 * Sends the request and returns its reply once `reply` has checked it. Throws an ApiFailure for
 * a refusal, an UnexpectedReply for a success of the wrong shape, and whatever fetch throws
 * (a TypeError with no connection, an AbortError after the signal) as it is.
 */
export async function api<T>(
  url: string,
  reply: ReplyCheck<T>,
  { body, headers, ...rest }: ApiRequest = {},
): Promise<T> {
  const res = await fetch(url, {
    ...rest,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = await readBody(res);
  if (!res.ok) {
    const error = errorOf(data);
    throw error
      ? new ApiFailure(res.status, error.code, error.message, error.issues ?? [])
      : new ApiFailure(res.status, 'unknown', res.statusText || `status ${res.status}`);
  }
  const checked = data === NOT_JSON ? null : reply.safeParse(data);
  if (!checked?.success) {
    throw new UnexpectedReply(`${rest.method ?? 'GET'} ${url}: not the reply the service sends`);
  }
  return checked.data;
}

const NOT_JSON = Symbol('not JSON');

/** The body parsed as JSON; undefined when there is none. */
async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

// The service's error envelope (ErrorSchema in src/contract/schemas.ts), checked by hand so that
// reading a refusal never needs zod.
const isErrorBody: Guard<ErrorBody> = object({
  error: object({
    code: oneOf(ERROR_CODES),
    message: isString,
    issues: optional(arrayOf(object({ path: isString, message: isString }))),
  }),
});

/** The error in a refusal's body, or null when it is not the service's envelope. */
export function errorOf(data: unknown): ErrorBody['error'] | null {
  return isErrorBody(data) ? data.error : null;
}
