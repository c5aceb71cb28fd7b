// The pages' API client (web/src/lib/api-client.ts), with fetch answered here: a reply is used
// only once its schema has checked it, a refusal carries the service's error code, and anything
// else (a portal's page, a reply of another shape) is an UnexpectedReply, never data.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { ApiFailure, api, NO_CONTENT, UnexpectedReply } from '../../../web/src/lib/api-client.ts';

const ItemSchema = z.object({ id: z.string(), count: z.number().int() });

type Sent = { url: string; init: RequestInit };

/** Answers every fetch with `response` and records what was asked. */
function answer(response: () => Response): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return response();
  });
  return sent;
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const PORTAL_PAGE = '<!doctype html><title>Wi-Fi</title><p>Accept the terms to continue</p>';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api', () => {
  it('returns the reply its schema checked, and sends only what the caller set', async () => {
    const sent = answer(() => json({ id: 'a1', count: 3, extra: 'dropped' }));
    await expect(api('/api/item', ItemSchema)).resolves.toEqual({ id: 'a1', count: 3 });
    // A plain GET stays plain: no method, body, content type, credentials or cache setting.
    expect(sent[0]).toEqual({ url: '/api/item', init: { headers: {} } });
  });

  it('sends a body as JSON with the headers, credentials, cache and signal given', async () => {
    const sent = answer(() => new Response(null, { status: 204 }));
    const signal = new AbortController().signal;
    await api('/api/thing', NO_CONTENT, {
      method: 'PUT',
      body: { status: 'verified' },
      headers: { 'x-csrf-token': 'tok' },
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
    expect(sent[0]?.init).toEqual({
      method: 'PUT',
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'tok' },
      body: '{"status":"verified"}',
    });
  });

  it.each([
    ['a reply of another shape', () => json({ id: 'a1', count: 'three' })],
    ['a list where an object belongs', () => json([{ id: 'a1', count: 3 }])],
    ['a captive portal’s page answered 200', () => new Response(PORTAL_PAGE, { status: 200 })],
    ['an empty 200', () => new Response('', { status: 200 })],
    ['a truncated body', () => new Response('{"id":"a1","cou', { status: 200 })],
  ])('refuses %s as an UnexpectedReply', async (_case, response) => {
    answer(response);
    const outcome = await api('/api/item', ItemSchema).then(
      (data) => ({ used: data }),
      (err: unknown) => ({ thrown: err }),
    );
    expect(outcome).not.toHaveProperty('used');
    expect((outcome as { thrown: unknown }).thrown).toBeInstanceOf(UnexpectedReply);
  });

  it('takes a 204 where no content is due, and refuses a body there', async () => {
    answer(() => new Response(null, { status: 204 }));
    await expect(api('/api/done', NO_CONTENT, { method: 'POST' })).resolves.toBeUndefined();
    answer(() => new Response(PORTAL_PAGE, { status: 200 }));
    await expect(api('/api/done', NO_CONTENT, { method: 'POST' })).rejects.toBeInstanceOf(
      UnexpectedReply,
    );
  });

  it('throws a refusal with the service’s status, code, message and issues', async () => {
    const issues = [{ path: 'title', message: 'Too small' }];
    answer(() => json({ error: { code: 'invalid_request', message: 'Bad title', issues } }, 400));
    const err = await api('/api/item', ItemSchema).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect(err).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: 'Bad title',
      issues,
    });
  });

  it.each([
    ['a proxy’s page', () => new Response('<h1>502 Bad Gateway</h1>', { status: 502 })],
    [
      'a code the service never sends',
      () => json({ error: { code: 'teapot', message: 'x' } }, 418),
    ],
    ['no body', () => new Response(null, { status: 503, statusText: 'Service Unavailable' })],
  ])('calls a refusal in %s "unknown", keeping its status', async (_case, response) => {
    const res = response();
    answer(() => res);
    const err = await api('/api/item', ItemSchema).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect(err).toMatchObject({ status: res.status, code: 'unknown' });
  });

  it('lets a failed connection through as it is (the pages read it as "offline")', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api('/api/item', ItemSchema)).rejects.toBeInstanceOf(TypeError);
  });
});
