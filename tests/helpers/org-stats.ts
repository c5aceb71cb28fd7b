// The staff-only exact statistics (GET /api/org/stats) as a signed-in analyst asks for them.
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, expect } from 'vitest';
import { buildTestApp, type TestApp, type TestOrg } from './app.ts';
import { addTestStaff, as, type Session, signIn } from './staff.ts';

/** A new analyst of `org`, signed in. */
export async function analystSession(t: TestApp, org: TestOrg): Promise<Session> {
  return signIn(t.app, await addTestStaff(t.handle, org, 'analyst'));
}

/**
 * For a file whose every test starts its own app: closes that app after each test, and returns
 * the setUp that builds it (with `opts`) and signs in an analyst of the advocacy organisation,
 * handing both to `use`.
 */
export function analystSetUp(
  use: (t: TestApp, analyst: Session) => void,
): (opts?: { statsK?: number }) => Promise<void> {
  let current: TestApp | undefined;
  afterEach(async () => current?.app.close());
  return async (opts = {}) => {
    current = await buildTestApp(opts);
    use(current, await analystSession(current, current.orgs.advocacy));
  };
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

type Cell = Record<string, string | number | boolean | null>;

/** The count of the cell whose dimensions have the values in `key` (undefined: no such cell). */
export function countOf(
  table: { cells: Cell[] },
  key: Record<string, string>,
): Cell[string] | undefined {
  return table.cells.find((c) => Object.entries(key).every(([d, v]) => c[d] === v))?.count;
}

/** Each value of `dimension` in `expected` is counted exactly that many times in `table`. */
export function expectCounts(
  table: { cells: Cell[] },
  dimension: string,
  expected: Record<string, number>,
): void {
  for (const [value, n] of Object.entries(expected)) {
    expect(countOf(table, { [dimension]: value }), `${dimension}=${value}`).toBe(n);
  }
}
