// Creates an organisation and its first admin, and prints the admin's first password, key
// passphrase and the organisation's recovery key ONCE. Nothing of these is kept in clear.
// Usage: npm run org:create -- --id <id> --name <name> --role advocacy|legal_aid
//                              --admin-email <e-mail> [--admin-name <name>] [--db <file>]
import { parseArgs } from 'node:util';
import { createOrganisation } from '../api/services/create-org.ts';
import { createDb } from '../db/client.ts';
import { findOrganisation } from '../db/organisations-repo.ts';
import { loadConfig } from '../src/config.ts';
import { loadSodium } from '../src/crypto.ts';
import { ORG_ROLES, type OrgRole } from '../src/vocabulary.ts';

const USAGE =
  'Usage: npm run org:create -- --id <id> --name <name> --role advocacy|legal_aid --admin-email <e-mail> [--admin-name <name>] [--db <file>]';

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let args: Record<string, string | undefined>;
  try {
    args = parseArgs({
      options: {
        id: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-name': { type: 'string' },
        db: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
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

main().catch((err: unknown) =>
  fail(`org:create failed: ${err instanceof Error ? err.message : String(err)}`),
);
