// Every connection has time limits (src/shared/config.ts, DEFAULT_TIMEOUTS): over raw sockets to the real
// server, started with short limits, a body or headers trickled a byte at a time get 408 and are
// closed, a silent or idle connection is closed, and an upload that is slow but keeps within the
// limits still gets its report stored. Before the limits, each of these connections stayed open.
// The tests wait for the server to close the socket, never for a time; the outer limit is
// generous (the test's own timeout), so a loaded machine only makes them slower.
import net from 'node:net';
import { afterAll, beforeAll, describe, type ExpectStatic, it } from 'vitest';
import { monthsAgo } from '../helpers/months.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';
import { type RunningServer, removeDir, startServer } from '../helpers/server.ts';
import { type ServerOrg, serverAdvocacy } from '../helpers/server-reports.ts';

const LIMITS = {
  REQUEST_TIMEOUT_MS: '10000',
  HEADERS_TIMEOUT_MS: '3000',
  CONNECTION_TIMEOUT_MS: '3000',
  KEEP_ALIVE_TIMEOUT_MS: '3000',
};
// Well below CONNECTION_TIMEOUT_MS, so a trickle is never silent long enough to be cut for that.
const TRICKLE_EVERY_MS = 400;
// Far beyond every limit above: reached only if the server never closes the connection.
const OUTER_LIMIT_MS = 45_000;

let server: RunningServer;
let port: number;
let org: ServerOrg;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  // No proof of work, and no load shedding: a busy machine must make these tests slower, never
  // answer them 503.
  server = await startServer({
    ...LIMITS,
    POW_DIFFICULTY: '0',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    MAX_COMMIT_MS: '0',
  });
  port = Number(new URL(server.url).port);
  org = await serverAdvocacy(server.url);
});

afterAll(async () => {
  for (const timer of timers) clearInterval(timer);
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

type Connection = {
  socket: net.Socket;
  /** Resolves with everything the server sent, once it has closed the connection. */
  closed: Promise<string>;
  /** Writes one piece of `text` every TRICKLE_EVERY_MS until the connection closes. */
  trickle: (text: string, size?: number) => void;
};

function connect(): Connection {
  const socket = net.connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let received = '';
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  // The server may reset the connection while a trickled byte is on its way.
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  const trickle = (text: string, size = 1): void => {
    let at = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || at >= text.length) {
        clearInterval(timer);
        timers.delete(timer);
        return;
      }
      socket.write(text.slice(at, at + size));
      at += size;
    }, TRICKLE_EVERY_MS);
    timers.add(timer);
    closed.finally(() => {
      clearInterval(timer);
      timers.delete(timer);
    });
  };
  return { socket, closed, trickle };
}

function statusOf(response: string): number {
  return Number(response.split('\r\n')[0]?.split(' ')[1]);
}

function errorCodeOf(response: string): string {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)).error.code;
}

/** The connection was answered 408 request_timeout, and then closed. */
async function expectRequestTimeout(expect: ExpectStatic, closed: Promise<string>): Promise<void> {
  const response = await closed;
  expect(statusOf(response), response).toBe(408);
  expect(errorCodeOf(response)).toBe('request_timeout');
}

describe.concurrent('time limits on a connection', () => {
  const slowBody = JSON.stringify({ id: 'x'.repeat(4000) });
  it.for([
    {
      name: 'answers 408 and closes a connection whose body arrives a byte at a time',
      head: `POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${slowBody.length}\r\n\r\n`,
      // 4 KB at 2.5 bytes a second would take half an hour.
      trickled: slowBody,
    },
    {
      name: 'answers 408 and closes a connection whose headers arrive a byte at a time',
      head: 'GET /api/pow HTTP/1.1\r\nHost: x\r\n',
      trickled: `X-Slow: ${'a'.repeat(4000)}\r\n\r\n`,
    },
  ])('$name', { timeout: OUTER_LIMIT_MS }, async ({ head, trickled }, { expect }) => {
    const c = connect();
    c.socket.write(head);
    c.trickle(trickled);
    await expectRequestTimeout(expect, c.closed);
  });

  it(
    'closes a connection that falls silent in the middle of a body',
    async ({ expect }) => {
      const c = connect();
      c.socket.write(
        'POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":',
      );
      // Closed for its silence (3 s), before the request limit (10 s) would answer 408.
      expect(await c.closed).toBe('');
    },
    OUTER_LIMIT_MS,
  );

  it(
    'closes a kept-alive connection left idle after its answer',
    async ({ expect }) => {
      const c = connect();
      c.socket.write('GET /api/pow HTTP/1.1\r\nHost: x\r\n\r\n');
      const response = await c.closed;
      expect(statusOf(response), response).toBe(200);
      expect(response.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    },
    OUTER_LIMIT_MS,
  );

  it(
    'stores a report whose upload is slow but keeps within the limits',
    async ({ expect }) => {
      const submission = await sealedSubmission(org, {
        facts: validFacts({ incidentMonth: monthsAgo(1) }),
        narrative: 'Me pararon en la avenida y me pidieron dinero para no llevarme.',
      });
      const body = JSON.stringify(submission);
      const c = connect();
      c.socket.write(
        `POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
      );
      // Ten pieces, one every 400 ms: the whole upload outlasts the headers and silence limits
      // (3 s each), as a slow phone's does, and ends well within the request limit (10 s).
      c.trickle(body, Math.ceil(body.length / 10));
      const response = await c.closed;
      expect(statusOf(response), response).toBe(201);
    },
    OUTER_LIMIT_MS,
  );
});
