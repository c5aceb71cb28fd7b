// Receipt look-ups pay a proof of work, like submissions, and an unpaid request never spends
// the shared look-up budget.
import { afterEach, describe, expect, it } from 'vitest';
import { FOLLOW_UP_LIMIT } from '../../api/routes/reporter/follow-up.ts';
import { sealMessage } from '../../src/crypto/message-box.ts';
import { solve } from '../../src/crypto/pow.ts';
import { loadSodium, toBase64 } from '../../src/crypto/sodium.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { newReceipt } from '../helpers/follow-up.ts';
import { sealedSubmission } from '../helpers/reports.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

async function proof(app: TestApp['app']): Promise<{ challenge: string; nonce: string }> {
  const sodium = await loadSodium();
  const c = (await app.inject({ method: 'GET', url: '/api/pow' })).json();
  return { challenge: c.challenge, nonce: await solve(sodium, c.challenge, c.difficulty) };
}

/** A report stored with a receipt (paying its proof of work), and that receipt. */
async function storedWithReceipt(app: TestApp['app']) {
  const receipt = await newReceipt();
  const report = { ...(await sealedSubmission(t.orgs)), followUp: receipt.followUp };
  const stored = await app.inject({
    method: 'POST',
    url: '/api/reports',
    payload: { ...report, pow: await proof(app) },
  });
  expect(stored.statusCode).toBe(201);
  return { receipt, report };
}

describe('proof of work on receipt look-ups', () => {
  it('refuses a look-up without proof, and answers one that paid', async () => {
    t = await buildTestApp({ config: { powDifficulty: 6 } });
    const { receipt, report } = await storedWithReceipt(t.app);
    const unpaid = await t.app.inject({
      method: 'POST',
      url: '/api/follow-up/lookup',
      payload: { token: receipt.token },
    });
    expect(unpaid.statusCode).toBe(400);
    expect(unpaid.json().error.code).toBe('pow_required');
    const paid = await t.app.inject({
      method: 'POST',
      url: '/api/follow-up/lookup',
      payload: { token: receipt.token, pow: await proof(t.app) },
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().id).toBe(report.id);
  });

  it('does not let unpaid requests use up the shared budget', async () => {
    t = await buildTestApp({ config: { powDifficulty: 6 } });
    const receipt = await newReceipt();
    for (let i = 0; i <= FOLLOW_UP_LIMIT; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/follow-up/lookup',
        payload: { token: receipt.token },
      });
      expect(res.statusCode).toBe(400);
    }
    const paid = await t.app.inject({
      method: 'POST',
      url: '/api/follow-up/lookup',
      payload: { token: receipt.token, pow: await proof(t.app) },
    });
    expect(paid.statusCode).toBe(404); // no such report, but not throttled
  });

  it('asks the same of adding information and of withdrawing, which change nothing unpaid', async () => {
    t = await buildTestApp({ config: { powDifficulty: 6 } });
    const { receipt, report } = await storedWithReceipt(t.app);
    const rows = (): unknown =>
      t.handle.sqlite
        .prepare(
          `select (select count(*) from reports) as reports,
             (select count(*) from report_boxes) as boxes,
             (select count(*) from report_messages) as messages`,
        )
        .get();
    const before = rows();
    const sodium = await loadSodium();
    const box = toBase64(
      sodium,
      sealMessage(
        sodium,
        { v: 1, reportId: report.id, text: 'AGREGADO' },
        t.orgs.advocacy.publicKey,
      ),
    );
    for (const [url, payload] of [
      [
        '/api/follow-up/information',
        { token: receipt.token, sealed: [{ recipient: t.orgs.advocacy.id, box }] },
      ],
      ['/api/follow-up/withdraw', { token: receipt.token }],
    ] as const) {
      const unpaid = await t.app.inject({ method: 'POST', url, payload });
      expect(unpaid.statusCode, url).toBe(400);
      expect(unpaid.json().error.code, url).toBe('pow_required');
      expect(rows(), url).toEqual(before);
    }
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: '/api/follow-up/withdraw',
      payload: { token: receipt.token, pow: await proof(t.app) },
    });
    expect(withdrawn.statusCode).toBe(204);
    expect(rows()).not.toEqual(before);
  });
});
