// The dashboard's and the release page's replies, checked by hand: both pages are kept free of
// zod, which would double their scripts (tests/e2e/stats-dashboard.test.ts caps them). Each check
// mirrors its route's schema (PublicStatsSchema in src/statistics/public-query.ts, ReleaseSchema
// and ReleaseListSchema in src/contract/releases.ts); tests/web/reply-agreement.test.ts holds
// them to those schemas.
import type { Release, ReleaseList } from '../../../../src/contract/releases.ts';
import type { PublicStats } from '../../../../src/statistics/public-query.ts';
import { checkedBy, type ReplyCheck } from '../../lib/api-client.ts';
import {
  arrayOf,
  either,
  isBoolean,
  isCount,
  isInteger,
  isNumber,
  isString,
  literal,
  nullable,
  object,
  objectWith,
  optional,
  pairOf,
  recordOf,
} from '../../lib/reply-guards.ts';

const isSnapshot = object({
  id: isInteger,
  through: isString,
  publishedDay: isString,
  period: isString,
});

const isPublicStats = object({
  snapshot: isSnapshot,
  by: arrayOf(isString),
  filters: recordOf(isString),
  noise: object({
    mechanism: isString,
    rhoPerReport: isNumber,
    intervalLevel: isNumber,
    note: isString,
  }),
  total: isCount,
  totalInterval: pairOf(isCount),
  synthetic: optional(literal(true)),
  cells: arrayOf(
    objectWith(
      { count: isCount, interval: pairOf(isCount) },
      either(isString, isNumber, arrayOf(isNumber)),
    ),
  ),
});

const SUMMARY = {
  id: isString,
  title: isString,
  organisation: object({ id: isString, name: isString }),
  publishedDay: isString,
  corrects: nullable(isString),
  correctedBy: arrayOf(isString),
};

/** GET /api/stats. */
export const PUBLIC_STATS: ReplyCheck<PublicStats> = checkedBy(isPublicStats);

/** GET /api/releases. */
export const RELEASE_LIST: ReplyCheck<ReleaseList> = checkedBy(
  object({ releases: arrayOf(object(SUMMARY)) }),
);

/** GET /api/releases/:id, and POST /api/releases. */
export const RELEASE: ReplyCheck<Release> = checkedBy(
  object({
    ...SUMMARY,
    snapshot: isSnapshot,
    method: object({
      period: object({ from: nullable(isString), to: nullable(isString) }),
      filters: recordOf(isString),
      noise: object({
        mechanism: isString,
        rhoPerReport: isNumber,
        intervalLevel: isNumber,
        sigma: recordOf(isNumber),
      }),
      countingRules: arrayOf(isString),
      synthetic: isBoolean,
    }),
    tables: arrayOf(isPublicStats),
  }),
);
