// A report that was withdrawn (or deleted by an organisation) is not stored again when a phone
// that never heard the answer sends it once more: the answer is 410 `withdrawn`. Only a hash of
// the id is kept to know this.
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { rowCounts } from '../helpers/db-rows.ts';
import { newReceipt } from '../helpers/follow-up.ts';
import { envelopeFor, sealedSubmission } from '../helpers/reports.ts';
import { deleteCounted } from '../helpers/withdraw.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

describe('a report sent again after it was removed', () => {
  it('is refused with 410 after the person withdrew it, on both routes, and nothing is stored', async () => {
    t = await buildTestApp();
    const receipt = await newReceipt();
    const report = { ...(await sealedSubmission(t.orgs)), followUp: receipt.followUp };
    expect((await post('/api/reports', report)).statusCode).toBe(201);
    expect((await post('/api/follow-up/withdraw', { token: receipt.token })).statusCode).toBe(204);
    expect(rowCounts(t.handle).reports).toBe(0);

    const again = await post('/api/reports', report);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('withdrawn');
    const waiting = await post('/api/reports/sealed', {
      id: report.id,
      envelope: await envelopeFor(t.app, report),
    });
    expect(waiting.statusCode).toBe(410);
    expect(rowCounts(t.handle).reports).toBe(0);

    // Only a hash of the id is kept, not the id.
    const kept = t.handle.sqlite.prepare('select id_hash from removed_reports').all() as Array<{
      id_hash: string;
    }>;
    expect(kept).toHaveLength(1);
    expect(kept[0]?.id_hash).not.toContain(report.id);
  });

  it('is refused after an organisation deleted it, while other reports are still taken', async () => {
    t = await buildTestApp();
    const report = await sealedSubmission(t.orgs);
    expect((await post('/api/reports', report)).statusCode).toBe(201);
    expect(deleteCounted(t.handle.db, report.id)).toBe(true);
    expect((await post('/api/reports', report)).json().error.code).toBe('withdrawn');
    expect((await post('/api/reports', await sealedSubmission(t.orgs))).statusCode).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
  });
});
