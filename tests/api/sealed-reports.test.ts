// POST /api/reports/sealed: a whole submission sealed to the transport key, as the offline
// outbox sends it.
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportSubmission } from '../../src/contract/schemas.ts';
import { solve } from '../../src/crypto/pow.ts';
import { loadSodium, sealJson, toBase64 } from '../../src/crypto/sodium.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { rowCounts } from '../helpers/db-rows.ts';
import { envelopeFor, sealedSubmission, validFacts } from '../helpers/reports.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

const post = (app: TestApp['app'], payload: object) =>
  app.inject({ method: 'POST', url: '/api/reports/sealed', payload });

describe('POST /api/reports/sealed', () => {
  it('opens the envelope, stores the report once, and accepts a retry', async () => {
    t = await buildTestApp();
    const inner: ReportSubmission = await sealedSubmission(t.orgs);
    const body = { id: inner.id, envelope: await envelopeFor(t.app, inner) };
    const first = await post(t.app, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: inner.id, status: 'received' });
    expect((await post(t.app, body)).statusCode).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
    // The same report through the plain route is recognised as the same report.
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/reports', payload: inner })).statusCode,
    ).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
  });

  it('refuses an envelope sealed to another key, garbage, a mismatched id and invalid facts', async () => {
    t = await buildTestApp();
    const sodium = await loadSodium();
    const inner = await sealedSubmission(t.orgs);
    const wrongKey = toBase64(sodium, sealJson(sodium, inner, t.orgs.advocacy.publicKey));
    const cases: Array<[string, object, string]> = [
      ['another key', { id: inner.id, envelope: wrongKey }, 'body.envelope'],
      ['not a box', { id: inner.id, envelope: 'AAAA' }, 'body.envelope'],
      [
        'mismatched id',
        { id: '0b7d4f7e-4a8c-4f1e-9a59-3f4d2a1b6c7d', envelope: await envelopeFor(t.app, inner) },
        'body.id',
      ],
      [
        'invalid facts',
        {
          id: inner.id,
          envelope: await envelopeFor(t.app, {
            ...inner,
            facts: validFacts({ region: '99' as never }),
          }),
        },
        'body.envelope.facts.region',
      ],
      [
        'unknown field',
        { id: inner.id, envelope: await envelopeFor(t.app, inner), extra: 1 },
        'body',
      ],
    ];
    for (const [name, payload, path] of cases) {
      const res = await post(t.app, payload);
      expect(res.statusCode, name).toBe(400);
      expect(
        res.json().error.issues.map((i: { path: string }) => i.path),
        name,
      ).toContain(path);
    }
    expect(rowCounts(t.handle).reports).toBe(0);
  });

  it('asks for proof of work like the plain route', async () => {
    t = await buildTestApp({ config: { powDifficulty: 6 } });
    const inner = await sealedSubmission(t.orgs);
    const envelope = await envelopeFor(t.app, inner);
    expect((await post(t.app, { id: inner.id, envelope })).json().error.code).toBe('pow_required');
    const sodium = await loadSodium();
    const c = (await t.app.inject({ method: 'GET', url: '/api/pow' })).json();
    const pow = { challenge: c.challenge, nonce: await solve(sodium, c.challenge, c.difficulty) };
    expect((await post(t.app, { id: inner.id, envelope, pow })).statusCode).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
    // A retry of the stored report (the phone never heard the 201) pays again: an answer to
    // an unpaid request that depended on the id would say whether that report exists.
    expect((await post(t.app, { id: inner.id, envelope })).json().error.code).toBe('pow_required');
    const again = (await t.app.inject({ method: 'GET', url: '/api/pow' })).json();
    const fresh = {
      challenge: again.challenge,
      nonce: await solve(sodium, again.challenge, again.difficulty),
    };
    expect((await post(t.app, { id: inner.id, envelope, pow: fresh })).statusCode).toBe(201);
    expect(rowCounts(t.handle).reports).toBe(1);
  });

  it('checks the proof of work before it opens anything', async () => {
    t = await buildTestApp({ config: { powDifficulty: 6 } });
    // Valid base64 that opens to nothing: unpaid, it is refused for the missing proof, so the
    // server never spent the work of opening it.
    const garbage = Buffer.alloc(500 * 1024, 7).toString('base64');
    // The id of a stored report, too: it used to be opened without proof, as a retry.
    const stored = await sealedSubmission(t.orgs);
    await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { ...stored, pow: await solvedProof(t.app) },
    });
    expect(rowCounts(t.handle).reports).toBe(1);
    const unpaidKnown = await post(t.app, { id: stored.id, envelope: garbage });
    expect(unpaidKnown.json().error.code).toBe('pow_required');
    const id = (await sealedSubmission(t.orgs)).id;
    const unpaid = await post(t.app, { id, envelope: garbage });
    expect(unpaid.statusCode).toBe(400);
    expect(unpaid.json().error.code).toBe('pow_required');
    const sodium = await loadSodium();
    const c = (await t.app.inject({ method: 'GET', url: '/api/pow' })).json();
    const pow = { challenge: c.challenge, nonce: await solve(sodium, c.challenge, c.difficulty) };
    const paid = await post(t.app, { id, envelope: garbage, pow });
    expect(paid.json().error.code).toBe('envelope_invalid');
    expect(rowCounts(t.handle).reports).toBe(1);
  });
});

async function solvedProof(app: TestApp['app']): Promise<{ challenge: string; nonce: string }> {
  const sodium = await loadSodium();
  const c = (await app.inject({ method: 'GET', url: '/api/pow' })).json();
  return { challenge: c.challenge, nonce: await solve(sodium, c.challenge, c.difficulty) };
}
