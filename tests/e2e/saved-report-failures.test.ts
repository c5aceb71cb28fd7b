// When a report saved on the phone is sent later and something goes wrong: it is still being sent
// when the person looks, something other than the service refuses it, or it was withdrawn
// meanwhile (here or from another phone). It must neither be lost nor stored twice nor sent
// again once withdrawn, and the person must be told plainly what happens. (Sends straight from
// the form: send-failures.test.ts.)
import { describe, expect, it } from 'vitest';
import { solve } from '../../src/crypto/pow.ts';
import { deriveFollowUpKeys, normaliseReceiptCode } from '../../src/crypto/receipt.ts';
import { loadSodium, toBase64 } from '../../src/crypto/sodium.ts';
import { TEXT } from '../../web/src/lib/i18n.ts';
import {
  interceptPosts,
  nudgeUntilPosted,
  outboxRecords,
  outboxText,
  readyPageAt,
  reportSavedOffline,
  saveReportOffline,
  sendingSuite,
} from '../helpers/form-send.ts';

const { suite, storedReports } = sendingSuite();

describe('sending when things go wrong', () => {
  it('does not offer to delete a saved report while it is being sent', async () => {
    const context = await suite.browser.newContext();
    const { posts, gate } = await interceptPosts(context, ['through']);
    gate.open = 0; // the send is held in flight until the test lets it end
    const page = await readyPageAt(context, suite.server.url);
    await saveReportOffline(context, page);
    expect(await page.locator('#outbox-delete').isVisible()).toBe(true);

    await context.setOffline(false);
    await nudgeUntilPosted(page, posts, 1);
    // It may already be on the server: deleting it now would not take it back.
    expect(await outboxText(page)).toContain('Enviando el reporte guardado');
    expect(await page.locator('#outbox-delete').isVisible()).toBe(false);
    gate.open = 1;
    await expect.poll(() => outboxText(page), { timeout: 20_000 }).toContain('ya se envió');
    // The heading no longer says the report is kept on the phone.
    expect(await page.locator('#outbox-title').textContent()).toBe(TEXT.savedSentTitle.es);
    expect(storedReports(posts[0]?.body.id)).toBe(1);
    await context.close();
  }, 90_000);

  it('keeps a saved report when something other than the service refuses it', async () => {
    const { context, page, posts, gate } = await reportSavedOffline(suite, [
      'proxy-403',
      'through',
    ]);
    const records = await outboxRecords(page);
    expect(records).toHaveLength(1);

    gate.open = 1;
    await context.setOffline(false);
    await nudgeUntilPosted(page, posts, 1);
    await expect.poll(() => posts[0]?.settled).toBe(true);
    // A 403 page from a proxy says nothing about the report: it stays, to be tried again. (The
    // panel then says it is waiting, unless an 'online' event has already started the next try.)
    await expect
      .poll(async () => (await outboxText(page)) ?? '', { timeout: 20_000 })
      .toMatch(/esperando conexión|Enviando el reporte guardado/);
    expect(await outboxText(page)).not.toContain('se borró');
    expect(await outboxRecords(page)).toEqual(records);

    gate.open = 2;
    await nudgeUntilPosted(page, posts, 2);
    await expect.poll(() => outboxText(page), { timeout: 20_000 }).toContain('ya se envió');
    expect(storedReports(posts[0]?.body.id)).toBe(1);
    await context.close();
  }, 90_000);

  it('does not send a saved report again after the person withdrew it at /seguimiento/', async () => {
    const context = await suite.browser.newContext();
    // The waiting report reaches the server, but the phone never hears the answer.
    const { posts, gate } = await interceptPosts(context, ['answer-lost']);
    const page = await readyPageAt(context, suite.server.url);
    await saveReportOffline(context, page);
    const receipt = (await page.locator('#receipt-code').textContent()) ?? '';
    expect(receipt).toMatch(/\d{4}/);
    gate.open = 1;
    await context.setOffline(false);
    await nudgeUntilPosted(page, posts, 1);
    await expect.poll(() => posts[0]?.settled).toBe(true);
    const id = posts[0]?.body.id ?? '';
    expect(storedReports(id)).toBe(1);
    expect(await outboxRecords(page)).toHaveLength(1);
    await page.close();

    const follow = await context.newPage();
    await follow.goto(`${suite.server.url}/seguimiento/`);
    await follow.fill('#code', receipt);
    await follow.click('#lookup-button');
    await follow.locator('#result').waitFor({ state: 'visible' });
    await follow.click('#withdraw');
    await follow.click('#withdraw-confirm');
    await expect.poll(() => follow.locator('#lookup-status').textContent()).toContain('borrado');
    expect(storedReports(id)).toBe(0);

    // The next visit to the form has nothing left to send, so the report stays withdrawn.
    const next = await readyPageAt(context, suite.server.url);
    await next.waitForTimeout(1_000);
    expect(await outboxRecords(next)).toEqual([]);
    expect(posts).toHaveLength(1);
    expect(storedReports(id)).toBe(0);
    await context.close();
  }, 90_000);

  it('tells the person, and sends nothing, when a saved report was withdrawn from another phone', async () => {
    const { context, page, posts, gate } = await reportSavedOffline(suite, [
      'answer-lost',
      'through',
    ]);
    const code = normaliseReceiptCode((await page.locator('#receipt-code').textContent()) ?? '');
    gate.open = 1;
    await context.setOffline(false);
    await nudgeUntilPosted(page, posts, 1);
    await expect.poll(() => posts[0]?.settled).toBe(true);
    const id = posts[0]?.body.id ?? '';
    expect(storedReports(id)).toBe(1);

    // Withdrawn with the receipt code from somewhere else: this phone's copy is not touched.
    const sodium = await loadSodium();
    const keys = deriveFollowUpKeys(sodium, code ?? '');
    const c = (await (await fetch(`${suite.server.url}/api/pow`)).json()) as {
      challenge: string;
      difficulty: number;
    };
    const withdraw = await fetch(`${suite.server.url}/api/follow-up/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: toBase64(sodium, keys.lookupToken),
        pow: { challenge: c.challenge, nonce: await solve(sodium, c.challenge, c.difficulty) },
      }),
    });
    expect(withdraw.status).toBe(204);

    gate.open = 2;
    await nudgeUntilPosted(page, posts, 2);
    await expect.poll(() => outboxText(page)).toBe(TEXT.savedWithdrawn.es);
    expect(posts[1]?.server?.status).toBe(410);
    expect(await outboxRecords(page)).toEqual([]);
    expect(storedReports(id)).toBe(0);
    await context.close();
  }, 90_000);
});
