// Rows a reporter's action creates must not lie in the order they arrived: next to staff notes,
// whose audit entries have times to the millisecond, arrival order places a reporter's action in
// time. A full scan of each table should come out in an order unrelated to insertion.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.ts';
import { insertMessages } from '../../db/repos/inbox-repo.ts';
import { storeReport } from '../../db/repos/reports-repo.ts';
import { validFacts } from '../helpers/reports.ts';
import { insertTestOrg } from '../helpers/test-org.ts';
import { deleteCounted, idHash } from '../helpers/withdraw.ts';

const N = 400;
let handle: DbHandle | undefined;
afterEach(() => handle?.close());

/** Spearman's rank correlation between two orders of the same keys. */
function rankCorrelation(inserted: string[], scanned: string[]): number {
  const rank = new Map(inserted.map((k, i) => [k, i]));
  expect(scanned.length).toBe(inserted.length);
  const n = scanned.length;
  let d2 = 0;
  scanned.forEach((k, i) => {
    const r = rank.get(k);
    if (r === undefined) throw new Error(`unexpected key ${k}`);
    d2 += (r - i) ** 2;
  });
  return 1 - (6 * d2) / (n * (n * n - 1));
}

it('stores reports, boxes, follow-up keys, messages and removals in an order unrelated to arrival', () => {
  handle = createDb(':memory:');
  const { db, sqlite } = handle;
  insertTestOrg(db);
  const ids: string[] = [];
  const messages: string[] = [];
  for (let i = 0; i < N; i++) {
    const id = randomUUID();
    ids.push(id);
    const submission = {
      id,
      facts: validFacts(),
      sealed: [{ recipient: 'org-a', box: '' }],
      followUp: {
        lookupHash: randomBytes(32).toString('hex'), // a SHA-256, as the browser sends
        replyPublicKey: Buffer.alloc(32, 2).toString('base64'),
      },
    };
    expect(
      storeReport(
        db,
        submission,
        [{ recipientId: 'org-a', box: Buffer.alloc(48, i % 256) }],
        'h',
        '2026-12-01',
      ),
    ).toBe('created');
    // A staff note and a reporter's addition, interleaved as they would be on a busy day.
    for (const kind of ['note', 'addition'] as const) {
      const mid = randomUUID();
      messages.push(mid);
      insertMessages(db, [
        { id: mid, reportId: id, orgId: 'org-a', kind, box: Buffer.alloc(48), day: '2026-12-01' },
      ]);
    }
  }
  // NOT INDEXED: the rows as they lie in the table's own B-tree, not in a covering index's order.
  const scan = (query: string): string[] => sqlite.prepare<[], string>(query).pluck().all();
  // Each bound is over four standard deviations of a random order's correlation (1/sqrt(N-1)).
  const bound = 0.25;
  const orders = {
    reports: rankCorrelation(ids, scan('select id from reports not indexed')),
    report_boxes: rankCorrelation(ids, scan('select report_id from report_boxes not indexed')),
    report_follow_ups: rankCorrelation(
      ids,
      scan('select report_id from report_follow_ups not indexed'),
    ),
    report_messages: rankCorrelation(messages, scan('select id from report_messages not indexed')),
  };
  for (const [table, rho] of Object.entries(orders)) {
    expect(Math.abs(rho), `${table} follows arrival order (${rho.toFixed(2)})`).toBeLessThan(bound);
  }
  // Withdrawals, in the order they happened.
  const withdrawn = ids.slice(0, N / 2);
  for (const id of withdrawn) expect(deleteCounted(db, id)).toBe(true);
  const removed = rankCorrelation(
    withdrawn.map(idHash),
    scan('select id_hash from removed_reports not indexed'),
  );
  expect(Math.abs(removed), `removed_reports follows withdrawal order (${removed})`).toBeLessThan(
    0.35,
  );
});
