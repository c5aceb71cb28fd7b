// One box that holds no report must not hide the others: each kind of bad box comes back as one
// item with its problem, in its place, and every real box still opens. The bad boxes are sealed
// with the independent implementation, to the same key as the good ones.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { documentsFor } from '../../../src/contract/envelope.ts';
import { openMessage, sealMessage } from '../../../src/crypto/message-box.ts';
import { fromBase64, openBox, sealDocument, toBase64 } from '../../../src/crypto/sodium.ts';
import { openEach } from '../../../src/reports/open-each.ts';
import { BAD_BOX_KINDS, BAD_BOX_PROBLEMS, badBoxBase64 } from '../../helpers/bad-boxes.ts';
import { type KeyPair, sodiumWithKeys } from '../../helpers/key-pairs.ts';
import { validFacts } from '../../helpers/reports.ts';

type Pair = KeyPair;
type Item = { id: string; box: string };
const { sodium: s, org, other } = await sodiumWithKeys('org', 'other');

function realItem(narrative: string, to: Pair = org): Item {
  const id = randomUUID();
  const { advocacy } = documentsFor({
    reportId: id,
    facts: validFacts(),
    narrative,
    details: {},
    legalAid: null,
  });
  return { id, box: toBase64(s, sealDocument(s, advocacy, to.publicKey)) };
}

const openDoc = (item: Item) => openBox(s, fromBase64(s, item.box), org.publicKey, org.secretKey);

describe('openEach', () => {
  it('keeps every real report and marks each bad box in its place', () => {
    const bad = BAD_BOX_KINDS.map((kind) => ({
      kind,
      item: { id: randomUUID(), box: badBoxBase64(kind, org.publicKey) },
    }));
    const first = realItem('primero');
    const last = realItem('último');
    const items = [first, ...bad.map((b) => b.item), last];

    const opened = openEach(items, openDoc);

    expect(opened.map((o) => o.item)).toEqual(items);
    expect(opened[0]?.content?.narrative).toBe('primero');
    expect(opened.at(-1)?.content?.narrative).toBe('último');
    bad.forEach(({ kind }, i) => {
      expect(opened[i + 1], kind).toMatchObject({ content: null, problem: BAD_BOX_PROBLEMS[kind] });
    });
  });

  it('marks a real box sealed to another organisation, and text that is not base64', () => {
    const elsewhere = realItem('para otra organización', other);
    const notBase64 = { id: randomUUID(), box: '%%%' };
    const mine = realItem('mío');

    const opened = openEach([elsewhere, notBase64, mine], openDoc);

    expect(opened[0]).toMatchObject({
      content: null,
      problem: 'box cannot be opened with this key',
    });
    // libsodium's own error for bad base64 could say anything; only a fixed word is passed on.
    expect(opened[1]).toMatchObject({ content: null, problem: 'unexpected error' });
    expect(opened[2]?.content?.narrative).toBe('mío');
  });

  it('keeps a thread readable around a message that cannot be opened', () => {
    const reportId = randomUUID();
    const note = (text: string): string =>
      toBase64(s, sealMessage(s, { v: 1, reportId, text }, org.publicKey));
    const messages = [note('antes'), badBoxBase64('not-a-box', org.publicKey), note('después')];

    const opened = openEach(
      messages,
      (box) => openMessage(s, fromBase64(s, box), reportId, org.publicKey, org.secretKey).text,
    );

    expect(opened.map((o) => o.content)).toEqual(['antes', null, 'después']);
  });

  it('returns an empty list for no items', () => {
    expect(openEach([], openDoc)).toEqual([]);
  });
});
