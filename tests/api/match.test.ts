// Matching without showing the identifier (issue 17): the route is one step of an oblivious PRF
// whose result equals RFC 9497's Evaluate under the server's key; tags stored with reports let an
// organisation see which of its reports name the same person, and only a count of others'.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { normalisePhone, normalisePlate } from '../../src/crypto/identifiers.ts';
import { blindIdentifier, finishTag, tagWithKey } from '../../src/crypto/match-tag.ts';
import { randomKey } from '../../src/crypto/oprf.ts';
import { solve } from '../../src/crypto/pow.ts';
import { fromBase64, loadSodium, toBase64 } from '../../src/crypto/sodium.ts';
import { addTestOrg, buildTestApp, type TestApp } from '../helpers/app.ts';
import { newReceipt } from '../helpers/follow-up.ts';
import { sealedSubmission } from '../helpers/reports.ts';
import { addTestStaff, as, signIn } from '../helpers/staff.ts';

const sodium = await loadSodium();
const key = randomKey(sodium);
const t: TestApp = await buildTestApp({ oprfKey: key });
const other = addTestOrg(sodium, t.handle, 'test-other', 'advocacy');
afterAll(() => t.app.close());

const canonical = (n: { ok: boolean; value?: string }): string => {
  if (!n.ok || !n.value) throw new Error('not a valid identifier');
  return n.value;
};

async function evaluate(elements: string[], app = t.app) {
  return app.inject({ method: 'POST', url: '/api/match/evaluate', payload: { elements } });
}

/** The tag of a canonical identifier, the browser's way: blind, ask the server, finish. */
async function tagThroughServer(value: string): Promise<string> {
  const blinded = blindIdentifier(sodium, value);
  const res = await evaluate([toBase64(sodium, blinded.element)]);
  expect(res.statusCode).toBe(200);
  const [evaluated] = res.json().evaluated as string[];
  return toBase64(sodium, finishTag(sodium, blinded, fromBase64(sodium, evaluated ?? '')));
}

describe('the oblivious PRF route', () => {
  it('gives the tag RFC 9497 Evaluate gives under the key, for every spelling of one number', async () => {
    const expected = toBase64(
      sodium,
      tagWithKey(sodium, key, '+51987654321'.replace(/^/, 'phone:')),
    );
    for (const spelling of ['987 654 321', '+51987654321', '987-654-321', '+51 987 654 321']) {
      expect(await tagThroughServer(canonical(normalisePhone(spelling)))).toBe(expected);
    }
    expect(await tagThroughServer(canonical(normalisePlate('abc 123')))).toBe(
      await tagThroughServer(canonical(normalisePlate('ABC-123'))),
    );
  });

  it('gives different tags for different identifiers, and a phone never the tag of a badge', async () => {
    const tags = await Promise.all(
      ['phone:+51987654321', 'phone:+51987654322', 'badge:987654321', 'plate:ABC123'].map(
        tagThroughServer,
      ),
    );
    expect(new Set(tags).size).toBe(4);
  });

  it('never sees the same element twice for one identifier: each blinding is fresh', () => {
    const elements = new Set<string>();
    const ones = new Array<number>(256).fill(0);
    const n = 256;
    for (let i = 0; i < n; i++) {
      const e = blindIdentifier(sodium, 'phone:+51987654321').element;
      elements.add(toBase64(sodium, e));
      for (let bit = 0; bit < 256; bit++)
        ones[bit] = (ones[bit] ?? 0) + (((e[bit >> 3] ?? 0) >> (bit & 7)) & 1);
    }
    expect(elements.size).toBe(n);
    // Each bit of the encoding is set about half the time, except the two that ristretto255's
    // canonical encoding fixes at 0 (the sign bit of byte 0 and the top bit of byte 31). Outside
    // 25-75 % by chance has a probability below 1e-14 per bit.
    const skewed = ones
      .map((count, bit) => ({ bit, count }))
      .filter(({ bit }) => bit !== 0 && bit !== 255)
      .filter(({ count }) => count < n / 4 || count > (3 * n) / 4);
    expect(skewed).toEqual([]);
    expect(ones[0]).toBe(0);
    expect(ones[255]).toBe(0);
  });

  it('answers 400 in the error shape, never 500, for anything that is not a group element', async () => {
    const notPoints = [
      new Uint8Array(32), // the identity
      new Uint8Array(32).fill(0xff), // not canonical
    ];
    for (const bytes of notPoints) {
      const res = await evaluate([toBase64(sodium, bytes)]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'invalid_request',
        issues: [{ path: 'body.elements.0' }],
      });
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (bytes) => {
        const res = await evaluate([toBase64(sodium, bytes)]);
        const isPoint = sodium.crypto_core_ristretto255_is_valid_point(bytes);
        expect(res.statusCode).toBe(isPoint ? 200 : 400);
      }),
      { numRuns: 200 },
    );
    for (const elements of [
      [],
      ['AAAA'],
      Array(7).fill(toBase64(sodium, blindIdentifier(sodium, 'x').element)),
    ]) {
      const res = await evaluate(elements);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
  });

  it('costs a proof of work when the server asks for one', async () => {
    const hard = await buildTestApp({ config: { powDifficulty: 6 } });
    try {
      const element = toBase64(sodium, blindIdentifier(sodium, 'phone:+51987654321').element);
      const unpaid = await evaluate([element], hard.app);
      expect(unpaid.statusCode).toBe(400);
      expect(unpaid.json().error.code).toBe('pow_required');
      const c = (await hard.app.inject({ method: 'GET', url: '/api/pow' })).json();
      const pow = { challenge: c.challenge, nonce: await solve(sodium, c.challenge, c.difficulty) };
      const paid = await hard.app.inject({
        method: 'POST',
        url: '/api/match/evaluate',
        payload: { elements: [element], pow },
      });
      expect(paid.statusCode).toBe(200);
    } finally {
      await hard.app.close();
    }
  });
});

describe('matches in the inbox', () => {
  const tagOf = (value: string) => toBase64(sodium, tagWithKey(sodium, key, value));
  const PHONE = tagOf('phone:+51987654321');
  const PLATE = tagOf('plate:ABC123');

  async function submit(
    tags: Array<{ kind: 'phone' | 'plate'; tag: string }>,
    orgs: Parameters<typeof sealedSubmission>[0] = t.orgs,
  ): Promise<string> {
    const body = { ...(await sealedSubmission(orgs)), tags };
    const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
    expect(res.statusCode).toBe(201);
    return body.id;
  }

  it('links an organisation’s reports that name the same phone, and only counts others’', async () => {
    const first = await submit([{ kind: 'phone', tag: PHONE }]);
    const second = await submit([
      { kind: 'phone', tag: PHONE },
      { kind: 'plate', tag: PLATE },
    ]);
    const unrelated = await submit([{ kind: 'plate', tag: tagOf('plate:XYZ999') }]);
    // Held by another organisation only.
    const elsewhere = await submit([{ kind: 'phone', tag: PHONE }], { advocacy: other });

    const cw = await signIn(t.app, await addTestStaff(t.handle, t.orgs.advocacy, 'caseworker'));
    const res = await t.app.inject({ url: '/api/org/reports', headers: as(cw) });
    expect(res.statusCode).toBe(200);
    const byId = new Map(
      (res.json().reports as Array<{ id: string; matches: unknown }>).map((r) => [r.id, r.matches]),
    );
    expect(byId.get(first)).toEqual({ kinds: ['phone'], here: [second], elsewhere: 1 });
    expect(byId.get(second)).toEqual({ kinds: ['phone'], here: [first], elsewhere: 1 });
    expect(byId.get(unrelated)).toEqual({ kinds: [], here: [], elsewhere: 0 });
    expect(byId.has(elsewhere)).toBe(false);

    // The other organisation sees its one report matched by two it does not hold.
    const legal = await signIn(t.app, await addTestStaff(t.handle, other, 'caseworker'));
    const theirs = await t.app.inject({ url: '/api/org/reports', headers: as(legal) });
    const mine = (theirs.json().reports as Array<{ id: string; matches: unknown }>).find(
      (r) => r.id === elsewhere,
    );
    expect(mine?.matches).toEqual({ kinds: ['phone'], here: [], elsewhere: 2 });
  });

  it('refuses a tag of the wrong size or the same tag twice, and stores nothing', async () => {
    const before = t.handle.db.$client.prepare('select count(*) from reports').pluck().get();
    for (const tags of [
      [{ kind: 'phone', tag: toBase64(sodium, new Uint8Array(31)) }],
      [{ kind: 'email', tag: PHONE }],
      [
        { kind: 'phone', tag: PHONE },
        { kind: 'phone', tag: PHONE },
      ],
    ]) {
      const body = { ...(await sealedSubmission(t.orgs)), tags };
      const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    expect(t.handle.db.$client.prepare('select count(*) from reports').pluck().get()).toBe(before);
  });

  it('keeps no tag of a report its reporter withdrew', async () => {
    const receipt = await newReceipt();
    const body = {
      ...(await sealedSubmission(t.orgs)),
      followUp: receipt.followUp,
      tags: [{ kind: 'plate' as const, tag: tagOf('plate:DEL123') }],
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/reports', payload: body })).statusCode,
    ).toBe(201);
    const count = () =>
      t.handle.db.$client
        .prepare('select count(*) from report_tags where tag = ?')
        .pluck()
        .get(Buffer.from(tagOf('plate:DEL123'), 'base64'));
    expect(count()).toBe(1);
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: '/api/follow-up/withdraw',
      payload: { token: receipt.token },
    });
    expect(withdrawn.statusCode).toBeLessThan(300);
    expect(count()).toBe(0);
  });
});
