// The exact figures of a running server (GET /api/org/stats), read as the demo organisation's
// admin, whose login the server wrote to its keys directory at first start. For tests and scripts
// that need the server's own view of its reports rather than the database file's.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { readDemoLogins } from '../../api/services/workspace/demo-orgs.ts';
import type { RunningServer } from './server.ts';

/** Signs in as the demo admin of `orgId`: the session cookie ("name=value") and CSRF token. */
export async function demoAdminSession(
  server: Pick<RunningServer, 'url' | 'dataDir'>,
  orgId = 'demo-colectivo',
): Promise<{ cookie: string; csrf: string }> {
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
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Signs in as the demo admin of `orgId` and returns the session cookie ("name=value"). */
export async function demoAdminCookie(
  server: Pick<RunningServer, 'url' | 'dataDir'>,
  orgId = 'demo-colectivo',
): Promise<string> {
  return (await demoAdminSession(server, orgId)).cookie;
}

/** The demo admin adds an analyst (no key: analysts see figures only); returns the login. */
export async function addAnalyst(
  server: Pick<RunningServer, 'url' | 'dataDir'>,
  orgId = 'demo-colectivo',
): Promise<{ email: string; password: string }> {
  const { cookie, csrf } = await demoAdminSession(server, orgId);
  const member = { email: `analista@${orgId}.example`, password: 'clave de analista ficticia' };
  const res = await fetch(`${server.url}/api/org/staff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify({ ...member, name: 'Analista ficticia', role: 'analyst' }),
  });
  if (res.status !== 201) throw new Error(`adding an analyst: ${res.status} ${await res.text()}`);
  return member;
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

/**
 * Publishes a public snapshot of everything the server received so far, as an admin would, with
 * the server's own statistics settings (`env`, e.g. STATS_RHO).
 */
export function publishServerSnapshot(
  server: Pick<RunningServer, 'dataDir'>,
  env: Record<string, string> = {},
): void {
  const today = new Date().toISOString().slice(0, 10);
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/stats-snapshot.ts',
      '--through',
      today,
      '--db',
      path.join(server.dataDir, 'voz-segura.db'),
    ],
    {
      env: { ...process.env, ...env, DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' },
      stdio: 'pipe',
    },
  );
}

/** The demo organisation's release token, which the server prints at first start (demo only). */
export function demoReleaseToken(server: Pick<RunningServer, 'logs'>): string {
  const token = /Release token \(DEMO ONLY[^)]*\) for demo-colectivo: (\S+)/.exec(
    server.logs(),
  )?.[1];
  if (!token) throw new Error(`no release token in the server's logs:\n${server.logs()}`);
  return token;
}
