// What the staff statistics benchmark needs in a synthetic database: two fictional
// organisations holding boxes of most reports (synthetic reports have none, and staff count
// only their own organisation's), and an analyst to sign in with. Idempotent, so a cached
// database is prepared once.
import type { DbHandle } from '../db/client.ts';
import { insertOrganisation } from '../db/repos/organisations-repo.ts';
import { insertStaff } from '../db/repos/staff-repo.ts';
import { generateKeyPair, loadSodium } from '../src/crypto/sodium.ts';
import { hashPassword } from '../src/crypto/staff-credentials.ts';

/** Fictional organisations and the share of reports each received (legal aid: about 1 in 5). */
export const BENCH_ORGS = [
  { id: 'bench-advocacy', role: 'advocacy', share: 0.85 },
  { id: 'bench-legal', role: 'legal_aid', share: 0.2 },
] as const;
export const BENCH_ANALYST = {
  email: 'analyst@bench-advocacy.example',
  password: 'bench-analyst-not-a-real-password',
};
const PREPARED_KEY = 'bench_org_fixture';

/** Adds the organisations, their boxes and the analyst, unless this database has them. */
export async function prepareOrgFixture(handle: DbHandle): Promise<void> {
  const { sqlite, db } = handle;
  const done = sqlite.prepare('select value from meta where key = ?').get(PREPARED_KEY);
  if (done) return;
  const sodium = await loadSodium();
  for (const org of BENCH_ORGS) {
    insertOrganisation(db, {
      id: org.id,
      name: `${org.id} (ficticia)`,
      role: org.role,
      publicKey: Buffer.from(generateKeyPair(sodium).publicKey),
      synthetic: true,
      createdDay: '2026-01-01',
    });
  }
  // A placeholder box: the figures depend on which organisation holds one, not on what it says.
  const box = Buffer.alloc(16);
  const insert = sqlite.prepare(
    'insert into report_boxes (report_id, recipient_id, box) values (?, ?, ?)',
  );
  const ids = sqlite.prepare('select id from reports order by rowid').pluck().all() as string[];
  const batch = sqlite.transaction((chunk: string[], offset: number) => {
    chunk.forEach((id, j) => {
      // A fixed pattern rather than randomness, so that a run can be repeated exactly.
      const slot = ((offset + j) * 7919) % 1000;
      for (const org of BENCH_ORGS) if (slot < org.share * 1000) insert.run(id, org.id, box);
    });
  });
  for (let at = 0; at < ids.length; at += 50_000) batch(ids.slice(at, at + 50_000), at);
  insertStaff(db, {
    id: 'bench-analyst',
    orgId: 'bench-advocacy',
    email: BENCH_ANALYST.email,
    name: 'analyst (ficticio)',
    role: 'analyst',
    passwordHash: hashPassword(sodium, BENCH_ANALYST.password),
    wrappedKey: null,
    createdDay: '2026-01-01',
  });
  sqlite.prepare('insert into meta (key, value) values (?, ?)').run(PREPARED_KEY, 'true');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
