// Creates an organisation and its first admin, and prints the admin's first password, key
// passphrase and the organisation's recovery key ONCE. Nothing of these is kept in clear.
// Usage: npm run org:create -- --id <id> --name <name> --role advocacy|legal_aid
//                              --admin-email <e-mail> [--admin-name <name>] [--db <file>]

import { createOrganisation } from '../api/services/workspace/create-org.ts';
import { createDb } from '../db/client.ts';
import { findOrganisation } from '../db/repos/organisations-repo.ts';
import { loadSodium } from '../src/crypto/sodium.ts';
import { loadConfig } from '../src/shared/config.ts';
import { ORG_ROLES, type OrgRole } from '../src/shared/vocabulary.ts';
import { errorText, fail, stringOptions } from './cli.ts';

const USAGE =
  'Usage: npm run org:create -- --id <id> --name <name> --role advocacy|legal_aid --admin-email <e-mail> [--admin-name <name>] [--db <file>]';

async function main(): Promise<void> {
  const args = stringOptions(['id', 'name', 'role', 'admin-email', 'admin-name', 'db'], USAGE);
  const { id, name, role } = args;
  const email = args['admin-email'];
  if (!id || !name || !role || !email) fail(USAGE, 2);
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(id)) fail('--id must be lower-case letters, digits and -');
  if (!(ORG_ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ORG_ROLES}`);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) fail('--admin-email must be an e-mail address');

  const sodium = await loadSodium();
  const secret = (bytes: number): string =>
    sodium.to_base64(sodium.randombytes_buf(bytes), sodium.base64_variants.URLSAFE_NO_PADDING);
  const password = secret(15);
  const passphrase = secret(18);
  const handle = createDb(args.db ?? loadConfig().databasePath);
  try {
    if (findOrganisation(handle.db, id)) fail(`An organisation "${id}" already exists.`);
    const { recoveryKey } = await createOrganisation(
      handle.db,
      {
        id,
        name,
        role: role as OrgRole,
        synthetic: false,
        admin: { email, name: args['admin-name'] ?? email, password, passphrase },
      },
      new Date(),
    );
    process.stdout.write(
      [
        `Organisation "${id}" created, with admin ${email}.`,
        '',
        'Shown ONCE. Give the first two to the admin in person; they should change the passphrase',
        'in the workspace. Keep the recovery key offline (paper or a password manager): it is the',
        "organisation's private key, and the only way back if every passphrase is lost.",
        '',
        `  Admin password:        ${password}`,
        `  Admin key passphrase:  ${passphrase}`,
        `  Recovery key:          ${recoveryKey}`,
        '',
      ].join('\n'),
    );
  } finally {
    handle.close();
  }
}

main().catch((err: unknown) => fail(`org:create failed: ${errorText(err)}`));
