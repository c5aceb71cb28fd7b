// The rate limit's pseudonym for an address is remembered per connection (api/plugins/protection.ts).
// Over real sockets, one address must still have one budget: on one keep-alive connection, and
// across new connections from the same address.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
afterEach(async () => t?.app.close());

function get(port: number, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/api/recipients', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

it('counts one budget per address, whether requests share a connection or not', async () => {
  t = await buildTestApp({ config: { rateLimitReads: 4 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  let connections = 0;
  t.app.server.on('connection', () => connections++);

  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const statuses = [await get(port, keepAlive), await get(port, keepAlive)];
  // Two more on fresh connections, then one more on the first connection.
  const fresh = () => new http.Agent({ keepAlive: false });
  statuses.push(await get(port, fresh()), await get(port, fresh()));
  statuses.push(await get(port, keepAlive));
  keepAlive.destroy();

  expect(connections).toBe(3);
  expect(statuses).toEqual([200, 200, 200, 200, 429]);
});
