// Which reports name the same perpetrator: equal matching tags (db/schema.ts report_tags). An
// organisation learns which of its own reports match, and only how many reports held by others
// do, never which (issue 17).
import type { IdentifierKind } from '../../src/crypto/identifiers.ts';
import type { Db } from '../client.ts';

export type Matches = {
  /** What the matching reports share: 'phone', 'plate', ... */
  kinds: IdentifierKind[];
  /** The matching reports this organisation holds too. */
  here: string[];
  /** How many matching reports only other organisations hold. */
  elsewhere: number;
};

type Row = { reportId: string; kind: IdentifierKind; otherId: string; here: 0 | 1 };

/** For each of `reportIds` (reports `orgId` holds) that matches another report, its matches. */
export function matchesFor(
  db: Db,
  orgId: string,
  reportIds: readonly string[],
): Map<string, Matches> {
  const out = new Map<string, Matches>();
  if (reportIds.length === 0) return out;
  const rows = db.$client
    .prepare<[string, string], Row>(
      `select t.report_id as reportId, t.kind as kind, o.report_id as otherId,
         exists (select 1 from report_boxes b
                 where b.report_id = o.report_id and b.recipient_id = ?) as here
       from json_each(?) ids
       join report_tags t on t.report_id = ids.value
       join report_tags o on o.tag = t.tag and o.report_id <> t.report_id`,
    )
    .all(orgId, JSON.stringify(reportIds));
  const seen = new Map<
    string,
    { kinds: Set<IdentifierKind>; here: Set<string>; away: Set<string> }
  >();
  for (const r of rows) {
    let m = seen.get(r.reportId);
    if (!m) {
      m = { kinds: new Set(), here: new Set(), away: new Set() };
      seen.set(r.reportId, m);
    }
    m.kinds.add(r.kind);
    (r.here ? m.here : m.away).add(r.otherId);
  }
  for (const [id, m] of seen) {
    out.set(id, { kinds: [...m.kinds].sort(), here: [...m.here].sort(), elsewhere: m.away.size });
  }
  return out;
}
