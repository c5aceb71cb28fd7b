// The exact figures of a running server (GET /api/org/stats), read as the demo organisation's
// admin, whose login the server wrote to its keys directory at first start. For tests and scripts
// that need the server's own view of its reports rather than the database file's.
import path from 'node:path';
import { readDemoLogins } from '../../api/demo-orgs.ts';
import type { RunningServer } from './server.ts';

/** Signs in as the demo admin of `orgId` and returns the session cookie ("name=value"). */
export async function demoAdminCookie(
  server: Pick<RunningServer, 'url' | 'dataDir'>,
  orgId = 'demo-colectivo',
): Promise<string> {
  const [login] = readDemoLogins(path.join(server.dataDir, 'keys'), [orgId]);
  if (!login) throw new Error(`no demo login for ${orgId} in ${server.dataDir}`);
  const res = await fetch(`${server.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: login.email, password: login.password }),
  });
  if (res.status !== 200) throw new Error(`demo sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => /^(__Host-)?vs_staff=/.test(c));
  if (!cookie) throw new Error('the sign-in set no session cookie');
  return cookie;
}

/**
 * The exact total the running server counts for the demo organisation (every report sealed to
 * it), signing in afresh each time: a restore replaces the sessions along with the reports.
 */
export async function exactTotal(
  server: Pick<RunningServer, 'url' | 'dataDir'>,
  query = 'by=region',
  orgId = 'demo-colectivo',
): Promise<number | null> {
  const cookie = await demoAdminCookie(server, orgId);
  const res = await fetch(`${server.url}/api/org/stats?${query}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`GET /api/org/stats: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { total: number | null }).total;
}
