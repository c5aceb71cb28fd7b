// The staff-only exact statistics (GET /api/org/stats) as a signed-in analyst asks for them.
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp, TestOrg } from './app.ts';
import { addTestStaff, as, type Session, signIn } from './staff.ts';

/** A new analyst of `org`, signed in. */
export async function analystSession(t: TestApp, org: TestOrg): Promise<Session> {
  return signIn(t.app, await addTestStaff(t.handle, org, 'analyst'));
}

/** GET /api/org/stats?<query> with a staff session (or none). */
export function orgStats(
  t: TestApp,
  session: Session | null,
  query: string,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'GET',
    url: `/api/org/stats?${query}`,
    headers: session ? as(session) : {},
  });
}
