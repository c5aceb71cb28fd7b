// Organisation creation (npm run org:create and the demo seed): only the public key and a
// wrapped copy are stored; the recovery key is the private key, handed back once.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  readDemoLogins,
  seedDemoOrganisations,
} from '../../../api/services/workspace/demo-orgs.ts';
import { createDb } from '../../../db/client.ts';
import { findOrganisation } from '../../../db/repos/organisations-repo.ts';
import { findStaffByEmail } from '../../../db/repos/staff-repo.ts';
import { unwrapSecretKey } from '../../../src/crypto/key-wrap.ts';
import { fromBase64, loadSodium, publicKeyFromSecret } from '../../../src/crypto/sodium.ts';
import { allTextValues } from '../../helpers/db-rows.ts';

const sodium = await loadSodium();
const dir = mkdtempSync(path.join(os.tmpdir(), 'voz-org-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo organisations', () => {
  it('get a demo admin whose wrapped key opens to the key in the recovery file', async () => {
    const handle = createDb(':memory:');
    const keysDir = path.join(dir, 'keys');
    const created = await seedDemoOrganisations(handle.db, keysDir, new Date());
    expect(created.map((c) => c.orgId)).toEqual(['demo-colectivo', 'demo-legal']);
    const [login] = readDemoLogins(keysDir, ['demo-colectivo']);
    if (!login) throw new Error('no demo login');
    const file = path.join(keysDir, 'demo-colectivo.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const recovery = readFileSync(file, 'utf8').trim();
    const [admin] = findStaffByEmail(handle.db, login.email);
    expect(admin?.role).toBe('admin');
    const key = unwrapSecretKey(sodium, JSON.parse(admin?.wrappedKey ?? ''), login.passphrase);
    expect(sodium.memcmp(key, fromBase64(sodium, recovery))).toBe(true);
    const org = findOrganisation(handle.db, 'demo-colectivo');
    expect(
      sodium.memcmp(publicKeyFromSecret(sodium, key), new Uint8Array(org?.publicKey ?? [])),
    ).toBe(true);
    // Neither the private key nor the passphrase is in the database.
    const stored = allTextValues(handle).join('\n');
    expect(stored).not.toContain(recovery);
    expect(stored).not.toContain(login.passphrase);
    expect(stored).not.toContain(login.password);
    // A second start creates nothing more.
    expect(await seedDemoOrganisations(handle.db, keysDir, new Date())).toEqual([]);
    handle.close();
  });
});
