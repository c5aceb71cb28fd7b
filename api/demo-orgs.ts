// First start: two fictional, clearly synthetic organisations with fresh key pairs, so the form
// works out of the box. Their private keys are written to DATA_DIR/keys with mode 0600.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client.ts';
import { insertOrganisation, listOrganisations } from '../db/organisations-repo.ts';
import { generateKeyPair, loadSodium, toBase64 } from '../src/crypto.ts';
import { utcDay } from '../src/months.ts';
import type { OrgRole } from '../src/vocabulary.ts';

export const DEMO_ORGS: ReadonlyArray<{ id: string; name: string; role: OrgRole }> = [
  {
    id: 'demo-colectivo',
    name: 'Colectivo Demo (organización ficticia, datos sintéticos)',
    role: 'advocacy',
  },
  {
    id: 'demo-legal',
    name: 'Asesoría Legal Demo (organización ficticia, datos sintéticos)',
    role: 'legal_aid',
  },
];

export type CreatedKey = { orgId: string; keyFile: string };

export function keyFilePath(keysDir: string, orgId: string): string {
  return path.join(keysDir, `${orgId}.key`);
}

/** Creates the demo organisations if the database has no organisation yet. */
export async function seedDemoOrganisations(
  db: Db,
  keysDir: string,
  now: Date,
): Promise<CreatedKey[]> {
  if (listOrganisations(db).length > 0) return [];
  const sodium = await loadSodium();
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const created: CreatedKey[] = [];
  for (const org of DEMO_ORGS) {
    const pair = generateKeyPair(sodium);
    const keyFile = keyFilePath(keysDir, org.id);
    writeFileSync(keyFile, `${toBase64(sodium, pair.secretKey)}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(keyFile, 0o600);
    sodium.memzero(pair.secretKey);
    insertOrganisation(db, {
      id: org.id,
      name: org.name,
      role: org.role,
      publicKey: Buffer.from(pair.publicKey),
      synthetic: true,
      createdDay: utcDay(now),
    });
    created.push({ orgId: org.id, keyFile });
  }
  return created;
}
