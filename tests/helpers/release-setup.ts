// The set-up the release tests share (tests/api/releases-*.test.ts): an app on a clock the test
// moves, ten reports received on DAY, a public snapshot through DAY and a release token; and the
// requests those tests make to publish, to compare with the public answers, and to list.
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, expect } from 'vitest';
import { issueReleaseToken } from '../../api/services/public/release-token.ts';
import type { Facts } from '../../src/contract/schemas.ts';
import { buildTestApp, type TestApp } from './app.ts';
import { sealedSubmission, validFacts } from './reports.ts';
import { publishTestSnapshot } from './snapshots.ts';

export const DAY = '2026-06-15';
export const NEXT_DAY = '2026-06-16';

type ReleaseSetUp = {
  /** Ten reports received on DAY and, unless told otherwise, a snapshot through DAY; the token. */
  setUp: (opts?: { snapshot?: boolean }) => Promise<string>;
  /** The app's clock: DAY, or NEXT_DAY after `laterSnapshot`. */
  now: () => Date;
  /** POST /api/releases with `body`, holding `token` (or none). */
  publish: (token: string | null, body: Record<string, unknown>) => Promise<LightMyRequestResponse>;
  /** The public API's answer, as the bytes it sends. */
  publicAnswer: (query: string) => Promise<string>;
  /** The ids GET /api/releases lists. */
  storedReleases: () => Promise<string[]>;
  /** A later snapshot, after more reports: the public answers change, releases must not. */
  laterSnapshot: () => Promise<void>;
};

/**
 * For a file whose every test starts its own app with `setUp`: closes that app after each test,
 * and hands each new one to `use`.
 */
export function releaseSetUp(use: (t: TestApp) => void): ReleaseSetUp {
  let t: TestApp | undefined;
  let now = new Date(`${DAY}T15:00:00Z`);
  afterEach(async () => t?.app.close());
  const app = (): TestApp => {
    if (!t) throw new Error('no app yet: call setUp first');
    return t;
  };

  async function submit(times: number, facts: Partial<Facts>): Promise<void> {
    for (let i = 0; i < times; i++) {
      const body = await sealedSubmission(app().orgs, {
        facts: validFacts({ incidentMonth: '2026-05', ...facts }),
      });
      const res = await app().app.inject({ method: 'POST', url: '/api/reports', payload: body });
      expect(res.statusCode, res.body).toBe(201);
    }
  }

  return {
    setUp: async (opts = {}) => {
      now = new Date(`${DAY}T15:00:00Z`);
      t = await buildTestApp({ statsK: 3, clock: () => now });
      use(t);
      await submit(6, { perpetrators: ['police'], region: '1501' });
      await submit(4, { perpetrators: ['serenazgo'], region: '16' });
      if (opts.snapshot !== false) publishTestSnapshot(t.handle.db, DAY);
      return issueReleaseToken(t.app.sodium, t.handle.db, t.orgs.advocacy.id, now);
    },
    now: () => now,
    publish: (token, body) =>
      app().app.inject({
        method: 'POST',
        url: '/api/releases',
        headers: token ? { authorization: `Bearer ${token}` } : {},
        payload: body,
      }),
    publicAnswer: async (query) => {
      const res = await app().app.inject({ url: `/api/stats?${query}` });
      expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
      return res.body;
    },
    storedReleases: async () => {
      const list = await app().app.inject({ url: '/api/releases' });
      return (list.json() as { releases: Array<{ id: string }> }).releases.map((r) => r.id);
    },
    laterSnapshot: async () => {
      now = new Date(`${NEXT_DAY}T15:00:00Z`);
      await submit(5, { perpetrators: ['police'], region: '1501' });
      publishTestSnapshot(app().handle.db, NEXT_DAY);
    },
  };
}
