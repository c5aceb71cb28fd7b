// The app the route fuzz suite (tests/api/fuzz-all-routes.test.ts) runs against, set up once:
// every operation of its OpenAPI document, reports that exist (one with a receipt), a signed-in
// session of each staff role, a release token and published statistics, and the values and
// whole bodies that requests drawn from the schemas need to reach the handlers.
import fc from 'fast-check';
import { issueReleaseToken } from '../../api/services/public/release-token.ts';
import { storeReport } from '../../db/repos/reports-repo.ts';
import type { ReportSubmission } from '../../src/contract/schemas.ts';
import { blindIdentifier } from '../../src/crypto/match-tag.ts';
import { loadSodium, toBase64 } from '../../src/crypto/sodium.ts';
import { DIMENSIONS, MAX_DIMENSIONS } from '../../src/statistics/tables.ts';
import { buildTestApp, type TestApp } from './app.ts';
import { allTables } from './db-rows.ts';
import { newReceipt } from './follow-up.ts';
import {
  type JsonSchema,
  type Operation,
  type Parameter,
  requestArbitraries,
} from './openapi-arbitraries.ts';
import { sealedSubmission } from './reports.ts';
import { publishTestSnapshot } from './snapshots.ts';
import { addTestStaff, as, type Session, signIn } from './staff.ts';

type Credentials = [who: string, headers: Record<string, string>];

export type FuzzWorld = {
  t: TestApp;
  /** Every operation in the OpenAPI document, with the credentials it asks for. */
  operations: Operation[];
  /** A signed-in session of each staff role: admin, caseworker, analyst. */
  sessions: Record<string, Session>;
  /** Ids that exist: the stored reports' and a staff member's. */
  knownIds: string[];
  /** Requests for `op`, valid per its schemas or nearly so (openapi-arbitraries.ts). */
  requestFor: (op: Operation) => fc.Arbitrary<{ url: string; payload?: string }>;
  /** Whom to send `op` as: anonymously and, where it takes them, with each credential. */
  credentialsFor: (op: Operation) => Credentials[];
  /** The number of rows in every table. */
  tableCounts: () => Record<string, number>;
};

/** Builds the app and all the above; the caller closes `t.app`. */
export async function buildFuzzWorld(): Promise<FuzzWorld> {
  // Proof of work off: with it on, almost every reporter request would stop at the proof (the
  // older fuzz suite, fuzz-endpoints.test.ts, covers that path).
  const t = await buildTestApp({ config: { powDifficulty: 0 } });
  const doc = (await t.app.inject({ url: '/docs/json' })).json() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Parameter[];
          requestBody?: { content: Record<string, { schema: JsonSchema }> };
          security?: Array<Record<string, unknown>>;
        }
      >
    >;
  };
  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema,
      auth: op.security?.some((s) => 'releaseToken' in s)
        ? ('releaseToken' as const)
        : /^\/api\/(org|staff\/(me|logout))/.test(path)
          ? ('session' as const)
          : ('none' as const),
    })),
  );
  const reports = [
    await sealedSubmission(t.orgs),
    await sealedSubmission(t.orgs, {
      legalAid: { contact: { method: 'phone_call', value: '900 000 000 (ficticio)' } },
    }),
  ];
  const receipt = await newReceipt();
  reports[0] = { ...reports[0], followUp: receipt.followUp } as ReportSubmission;
  for (const r of reports) {
    storeReport(
      t.handle.db,
      r,
      r.sealed.map((b) => ({ recipientId: b.recipient, box: Buffer.from(b.box, 'base64') })),
      `hash-${r.id}`,
      '2026-11-01',
    );
  }
  const staff = {
    admin: await addTestStaff(t.handle, t.orgs.advocacy, 'admin'),
    caseworker: await addTestStaff(t.handle, t.orgs.legal, 'caseworker'),
    analyst: await addTestStaff(t.handle, t.orgs.advocacy, 'analyst'),
  };
  // Someone the admin may deactivate without ending the fuzzing sessions.
  const bystander = await addTestStaff(t.handle, t.orgs.advocacy, 'caseworker');
  const sessions: Record<string, Session> = {
    admin: await signIn(t.app, staff.admin),
    caseworker: await signIn(t.app, staff.caseworker),
    analyst: await signIn(t.app, staff.analyst),
  };
  const releaseToken = issueReleaseToken(t.app.sodium, t.handle.db, t.orgs.advocacy.id, new Date());
  // Published statistics (through the reports' received day), so that GET /api/stats and
  // POST /api/releases can answer a well-formed question rather than "no snapshot yet".
  publishTestSnapshot(t.handle.db, '2026-11-01');
  const knownIds = [...reports.map((r) => r.id), bystander.id];
  const sodium = await loadSodium();
  const validReports = reports.map((r) => ({ ...r, id: undefined }));
  // Values that random generation would almost never hit but that handlers need to get going:
  // known organisations, well-formed e-mail addresses, receipt tokens, real sealed boxes.
  const hints: Record<string, fc.Arbitrary<unknown>> = {
    recipient: fc.constantFrom(t.orgs.advocacy.id, t.orgs.legal.id),
    orgId: fc.constantFrom(t.orgs.advocacy.id, t.orgs.legal.id),
    email: fc.oneof(fc.emailAddress(), fc.constantFrom(staff.admin.email)),
    token: fc.oneof(
      fc.constant(receipt.token),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => toBase64(sodium, b)),
    ),
    box: fc.constantFrom(...reports.flatMap((r) => r.sealed.map((b) => b.box))),
    copy: fc.constantFrom(...reports.flatMap((r) => r.sealed.map((b) => b.box))),
    // Statistics dimensions: a comma-separated list in a plain string.
    by: fc
      .uniqueArray(fc.constantFrom(...DIMENSIONS), { minLength: 1, maxLength: MAX_DIMENSIONS })
      .map((d) => d.join(',')),
  };
  // Whole valid bodies where the schema alone cannot describe one (sealed boxes must be real).
  const examples: Record<string, fc.Arbitrary<unknown>> = {
    'POST /api/reports': fc
      .tuple(fc.constantFrom(...validReports), fc.uuid({ version: 4 }))
      .map(([r, id]) => ({ ...r, id })),
    // Blinded points: most 32-byte strings are not ristretto255 encodings.
    'POST /api/match/evaluate': fc
      .array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 6 })
      .map((ids) => ({
        elements: ids.map((id) => toBase64(sodium, blindIdentifier(sodium, `phone:${id}`).element)),
      })),
    // Tables of the public catalogue: drawn from the schema, most would be refused.
    'POST /api/releases': fc.constantFrom(
      { title: 'Publicación de prueba (ficticia)', tables: [['region']] },
      { title: 'Por responsable', tables: [['perpetrator'], ['perpetrator', 'region']] },
      { title: 'Por mes', tables: [['month'], ['region']], from: '2026-01', to: '2026-12' },
      { title: 'Policía', tables: [['region']], filters: { perpetrator: 'police' } },
    ),
  };
  const statsQueries = fc.constantFrom(
    'by=region',
    'by=perpetrator,region',
    'by=month&from=2026-01&to=2026-12',
    'by=region&perpetrator=police&verified=true',
    'by=gbvType,region',
  );
  const queryExamples: Record<string, fc.Arbitrary<string>> = {
    'GET /api/stats': statsQueries,
    'GET /api/org/stats': statsQueries,
    'GET /api/org/stats/csv': statsQueries,
  };

  function tableCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const table of allTables(t.handle)) {
      const row = t.handle.sqlite.prepare(`select count(*) as n from "${table}"`).get() as {
        n: number;
      };
      counts[table] = row.n;
    }
    return counts;
  }

  function credentialsFor(op: Operation): Credentials[] {
    const anonymous: Credentials = ['anonymous', {}];
    if (op.auth === 'releaseToken') {
      return [anonymous, ['release token', { authorization: `Bearer ${releaseToken}` }]];
    }
    // Signing out (which takes no input) would end the session the other runs use.
    if (op.auth === 'session' && op.path !== '/api/staff/logout') {
      return [
        anonymous,
        ...Object.entries(sessions).map(([role, s]): Credentials => [role, as(s)]),
      ];
    }
    return [anonymous];
  }

  return {
    t,
    operations,
    sessions,
    knownIds,
    requestFor: requestArbitraries({ hints, knownIds, examples, queryExamples }),
    credentialsFor,
    tableCounts,
  };
}
