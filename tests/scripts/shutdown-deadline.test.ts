// Shutdown always ends, and says so in the error shape: with a half-sent request open, SIGTERM
// used to leave the process alive with its listener closed, refusing every connection for 70 s;
// and a request on a keep-alive connection during close got Fastify's own 503, without an error
// code or Retry-After.
import net from 'node:net';
import { expect, it } from 'vitest';
import { removeDir, startServer } from '../helpers/server.ts';

/** A raw connection that collects what the server sends and says when it closes. */
function connect(url: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  socket.on('data', (c: Buffer) => {
    received += c.toString();
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const opened = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, opened, received: () => received };
}

async function until(condition: () => boolean, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) throw new Error('condition never met');
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('exits by its deadline with a half-sent request open, and answers late requests in the error shape', async () => {
  const server = await startServer({ SEED_DEMO: 'false', SHUTDOWN_TIMEOUT_MS: '3000' });
  try {
    const host = new URL(server.url).host;
    // A request under way when shutdown begins: its headers are in, its body is not.
    const busy = connect(server.url);
    await busy.opened;
    const body = '{"id":"x"}';
    busy.socket.write(
      `POST /api/reports HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n{"id":`,
    );
    // A report whose body never finishes arriving.
    const half = connect(server.url);
    await half.opened;
    half.socket.write(
      `POST /api/reports HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"id":`,
    );
    await until(() => server.logs().includes('listening'));
    const exited = server.stop();
    await until(() => server.logs().includes('shutting down'));
    // The first request ends, and another follows it on the same connection, after shutdown
    // began: that one gets the error shape with Retry-After.
    busy.socket.write(`"x"}GET /api/pow HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    await busy.closed;
    const answers = busy.received().split(/(?=HTTP\/1\.1 )/);
    expect(answers, busy.received()).toHaveLength(2);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 400/);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(answers[1]).toMatch(/retry-after: 5/i);
    expect(answers[1]).toContain('"code":"shutting_down"');
    // The half-sent request does not hold the process: it exits, and its connection is cut.
    await exited;
    await half.closed;
    expect(server.logs()).toMatch(/exited: code [01]/);
  } finally {
    removeDir(server.dataDir);
  }
}, 60_000);
