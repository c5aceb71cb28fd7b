// The client address is used for one thing, the hashed rate-limit key, and is kept nowhere. This
// runs the real server behind a trusted proxy (TRUST_PROXY), so the forwarded address really is
// the one the server works with, at the most verbose log level, and sends it down every path
// that answers a client: success, rate limit, bad JSON, too large, bad URL, unknown route and a
// request the HTTP parser refuses. Neither the address nor the user agent may then appear in the
// database files or the logs.
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Recipient } from '../../src/contract/schemas.ts';
import { serverForFile } from '../helpers/file-server.ts';
import { sealedSubmission } from '../helpers/reports.ts';
import type { RunningServer } from '../helpers/server.ts';

const CLIENT_IP = '203.0.113.77';
const USER_AGENT = 'VozAddressProbe/3.1 (synthetic)';

let server: RunningServer;
const VERBOSE_BEHIND_PROXY = {
  TRUST_PROXY: 'loopback',
  LOG_LEVEL: 'debug',
  POW_DIFFICULTY: '0',
  RATE_LIMIT_READS: '2',
  RATE_LIMIT_REPORTS: '1',
};
serverForFile(VERBOSE_BEHIND_PROXY, (started) => {
  server = started;
});

const headers = { 'x-forwarded-for': CLIENT_IP, 'user-agent': USER_AGENT };

async function send(url: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(`${server.url}${url}`, {
    ...init,
    headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
  });
  await res.arrayBuffer();
  return res.status;
}

/** A request the HTTP parser refuses, with the forwarded address in it. */
function malformed(): Promise<void> {
  return new Promise((resolve) => {
    const url = new URL(server.url);
    // The server listens on 127.0.0.1; its printed URL says localhost, which may resolve to ::1.
    const socket = net.connect(Number(url.port), '127.0.0.1');
    // Read (and drop) the answer: a socket nobody reads from never reports its close.
    socket.resume();
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.write(
      `GET /api/pow HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: ${CLIENT_IP}\r\nUser-Agent: ${USER_AGENT}\r\nbroken header\r\n\r\n`,
    );
  });
}

it('keeps neither the forwarded client address nor the user agent, on any path', async () => {
  const { recipients } = (await (await fetch(`${server.url}/api/recipients`)).json()) as {
    recipients: Recipient[];
  };
  const advocacy = recipients.find((r) => r.role === 'advocacy');
  if (!advocacy) throw new Error('no advocacy organisation');
  const org = {
    advocacy: {
      id: advocacy.id,
      role: advocacy.role,
      publicKey: Buffer.from(advocacy.publicKey, 'base64'),
      secretKey: new Uint8Array(),
    },
  };
  const json = { 'content-type': 'application/json' };
  const report = (async () => JSON.stringify(await sealedSubmission(org)))();

  // The forwarded address is the one the budgets count: two reads, then 429 for it alone.
  expect(await send('/api/pow')).toBe(200);
  expect(await send('/api/pow')).toBe(200);
  expect(await send('/api/pow')).toBe(429);
  expect(await send('/api/pow', { headers: { 'x-forwarded-for': '192.0.2.200' } })).toBe(200);

  const body = await report;
  expect(await send('/api/reports', { method: 'POST', headers: json, body })).toBe(201);
  expect(
    await send('/api/reports', {
      method: 'POST',
      headers: json,
      body: JSON.stringify(await sealedSubmission(org)),
    }),
  ).toBe(429);
  expect(await send('/api/staff/login', { method: 'POST', headers: json, body: '{"email":' })).toBe(
    400,
  );
  expect(
    await send('/api/staff/login', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'x'.repeat(20_000), password: 'x' }),
    }),
  ).toBe(413);
  expect(await send('/api/%E0%A4%A')).toBe(400);
  expect(await send('/api/nothing-here')).toBe(404);
  await malformed();

  const dbFile = path.join(server.dataDir, 'voz-segura.db');
  const haystacks = [dbFile, `${dbFile}-wal`]
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'));
  expect(haystacks.length).toBeGreaterThan(0);
  haystacks.push(server.logs());
  for (const needle of [CLIENT_IP, USER_AGENT, 'VozAddressProbe']) {
    for (const hay of haystacks) expect(hay.includes(needle), needle).toBe(false);
  }
});
