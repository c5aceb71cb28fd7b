// How large a request body may be, by what the route takes. A body over its limit is refused
// (413) before it is read further, let alone parsed.

import { MAX_RECIPIENTS } from '../../src/contract/schemas.ts';
import { MAX_REPORT_BYTES } from '../../src/crypto/box-sizes.ts';
import { MAX_MESSAGE_BOX_BYTES } from '../../src/crypto/message-box.ts';

/** A report: up to MAX_RECIPIENTS boxes of the largest size, or the same sealed whole. */
export const REPORT_BODY_LIMIT = MAX_REPORT_BYTES;

/** Sealed messages (a note, a reply and its copy, added information): one box per recipient. */
export const MESSAGE_BODY_LIMIT =
  MAX_RECIPIENTS * Math.ceil(MAX_MESSAGE_BOX_BYTES / 3) * 4 + 16 * 1024;

/** Everything else (sign-in, a status, a receipt token, a release): small JSON. */
export const SMALL_BODY_LIMIT = 16 * 1024;
