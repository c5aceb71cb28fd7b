// First start: two fictional, clearly synthetic organisations, each with a demo admin, so the
// form and the workspace work out of the box. The demo admin's login and the recovery key are
// written to DATA_DIR/keys with mode 0600 so the start-up message can print them: DEMO ONLY.
// A real organisation is made with `npm run org:create`, which shows its secrets once.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../db/client.ts';
import { listOrganisations } from '../../../db/repos/organisations-repo.ts';
import { loadSodium } from '../../../src/crypto/sodium.ts';
import type { OrgRole } from '../../../src/shared/vocabulary.ts';
import { createOrganisation } from './create-org.ts';

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

export type DemoLogin = { orgId: string; email: string; password: string; passphrase: string };
export type CreatedKey = { orgId: string; keyFile: string };

/** The recovery key file, which `npm run reports:open -- --key` reads. */
export function keyFilePath(keysDir: string, orgId: string): string {
  return path.join(keysDir, `${orgId}.key`);
}

function loginFilePath(keysDir: string, orgId: string): string {
  return path.join(keysDir, `${orgId}.demo-login.json`);
}

function writePrivate(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
}

/** Creates the demo organisations if the database has no organisation yet. */
export async function seedDemoOrganisations(
  db: Db,
  keysDir: string,
  now: Date,
): Promise<CreatedKey[]> {
  if (listOrganisations(db).length > 0) return [];
  const sodium = await loadSodium();
  const secret = (): string =>
    `demo-${sodium.to_base64(sodium.randombytes_buf(12), sodium.base64_variants.URLSAFE_NO_PADDING)}`;
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const created: CreatedKey[] = [];
  for (const org of DEMO_ORGS) {
    const login: DemoLogin = {
      orgId: org.id,
      email: `admin@${org.id}.example`,
      password: secret(),
      passphrase: secret(),
    };
    const { recoveryKey } = await createOrganisation(
      db,
      {
        ...org,
        synthetic: true,
        admin: { ...login, name: 'Admin demo (ficticia)' },
      },
      now,
    );
    const keyFile = keyFilePath(keysDir, org.id);
    writePrivate(keyFile, `${recoveryKey}\n`);
    writePrivate(loginFilePath(keysDir, org.id), `${JSON.stringify(login)}\n`);
    created.push({ orgId: org.id, keyFile });
  }
  return created;
}

/** The demo logins written at first start, for the start-up message. */
export function readDemoLogins(keysDir: string, orgIds: readonly string[]): DemoLogin[] {
  return orgIds.flatMap((id) => {
    const file = loginFilePath(keysDir, id);
    return existsSync(file) ? [JSON.parse(readFileSync(file, 'utf8')) as DemoLogin] : [];
  });
}
