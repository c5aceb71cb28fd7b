// Every `error.code` the service answers with, in one list: the server may throw no other (its
// ApiError takes only these), the OpenAPI description and docs/api.md name them, and the form
// reads from here which refusals of a report will never change however often it is sent.

export const ERROR_CODES = [
  // The request itself: fix it and send again.
  'bad_request',
  'invalid_request',
  'invalid_json',
  'invalid_url',
  'unsupported_media_type',
  'payload_too_large',
  'headers_too_large',
  'request_timeout',
  'envelope_invalid',
  'unknown_recipient',
  'advocacy_recipient_required',
  'range_too_wide',
  'not_in_catalogue',
  'invalid_transition',
  // What is stored already: the same request will not succeed.
  'id_conflict',
  'receipt_conflict',
  'withdrawn',
  'email_taken',
  'cannot_deactivate_self',
  'totp_already_enabled',
  'totp_not_started',
  'not_legal_aid',
  'no_follow_up',
  'no_snapshot',
  'not_found',
  'unknown_release',
  'not_your_release',
  // Who is asking.
  'unauthorized',
  'not_signed_in',
  'forbidden',
  'csrf_failed',
  'invalid_credentials',
  'wrong_password',
  'invalid_totp',
  'totp_required',
  'pow_required',
  'pow_invalid',
  'pow_expired',
  'pow_reused',
  'pow_too_easy',
  // Not now: the same request may succeed later (with Retry-After).
  'rate_limited',
  'too_many_attempts',
  'overloaded',
  'passwords_busy',
  'unavailable',
  'shutting_down',
  // Our fault, never the client's.
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Refusals of a posted report that sending it again cannot change: the form keeps such a report
 * aside and says so, rather than trying it again and again. Any other answer may be tried again.
 */
const FINAL_REPORT_REFUSALS: ReadonlySet<string> = new Set<ErrorCode>([
  'envelope_invalid',
  'invalid_request',
  'invalid_json',
  'payload_too_large',
  'unknown_recipient',
  'advocacy_recipient_required',
  'id_conflict',
  'receipt_conflict',
  'withdrawn',
]);

/** Whether a report refused with `code` (read from an answer, so any text) is refused for good. */
export const isFinalReportRefusal = (code: string): boolean => FINAL_REPORT_REFUSALS.has(code);
