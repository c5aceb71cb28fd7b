// Requests Node's HTTP parser refuses before Fastify sees them (a malformed request line,
// headers over the size limit) still get the error shape and the security headers, over a real
// socket, and the connection is closed.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorSchema } from '../../src/contract/schemas.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await buildTestApp({ config: { hsts: true } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as net.AddressInfo).port;
});
afterAll(async () => t?.app.close());

/** Sends raw bytes and collects everything until the server closes the connection. */
function raw(
  bytes: string,
): Promise<{ status: number; headers: Map<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map(
        lines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ]),
      );
      const status = Number(statusLine.split(' ')[1]);
      if (!status) reject(new Error(`no response: ${JSON.stringify(data)}`));
      else resolve({ status, headers, body });
    });
    socket.write(bytes);
  });
}

describe('requests the HTTP parser refuses', () => {
  it.each([
    ['a malformed request line', 'NOT A REQUEST\r\n\r\n', 400, 'bad_request'],
    [
      'a bad header line',
      'GET /api/pow HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n',
      400,
      'bad_request',
    ],
    [
      'headers over the size limit',
      `GET /api/pow HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'headers_too_large',
    ],
  ])(
    'answers %s in the error shape with the security headers',
    async (_what, bytes, status, code) => {
      const res = await raw(bytes);
      expect(res.status).toBe(status);
      const body = JSON.parse(res.body);
      expect(ErrorSchema.safeParse(body).success).toBe(true);
      expect(body.error.code).toBe(code);
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(res.body)));
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('strict-transport-security')).toBeDefined();
      expect(res.headers.get('connection')).toBe('close');
    },
  );

  it('keeps serving ordinary requests', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/pow`);
    expect(res.status).toBe(200);
  });
});
