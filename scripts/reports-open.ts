// Prints an organisation's reports, decrypted with its private key, as JSON lines.
// Usage: npm run reports:open -- --org <id> --key <file> [--db <file>]
import { readFileSync } from 'node:fs';
import { createDb } from '../db/client.ts';
import { findOrganisation } from '../db/repos/organisations-repo.ts';
import { listBoxesFor } from '../db/repos/reports-repo.ts';
import {
  CryptoInputError,
  fromBase64,
  loadSodium,
  openBox,
  publicKeyFromSecret,
} from '../src/crypto/sodium.ts';
import { loadConfig } from '../src/shared/config.ts';
import { errorText, fail, stringOptions } from './cli.ts';

const USAGE =
  'Usage: npm run reports:open -- --org <organisation id> --key <private key file> [--db <database file>]';

async function main(): Promise<void> {
  const args = stringOptions(['org', 'key', 'db'], USAGE);
  if (!args.org || !args.key) fail(USAGE, 2);

  const sodium = await loadSodium();
  let secretKey: Uint8Array;
  try {
    secretKey = fromBase64(sodium, readFileSync(args.key, 'utf8').trim());
  } catch (err) {
    fail(`Cannot read the key file ${args.key}: ${errorText(err)}`);
  }
  if (secretKey.length !== 32)
    fail(`The key file ${args.key} does not hold a 32-byte private key.`);

  const handle = createDb(args.db ?? loadConfig().databasePath);
  try {
    const org = findOrganisation(handle.db, args.org);
    if (!org) fail(`No organisation with id "${args.org}".`);
    const publicKey = new Uint8Array(org.publicKey);
    if (!sodium.memcmp(publicKeyFromSecret(sodium, secretKey), publicKey)) {
      fail(`The key in ${args.key} is not the private key of "${args.org}".`);
    }
    const rows = listBoxesFor(handle.db, org.id);
    let failures = 0;
    for (const row of rows) {
      try {
        const doc = openBox(sodium, new Uint8Array(row.box), publicKey, secretKey);
        process.stdout.write(
          `${JSON.stringify({ id: row.reportId, receivedDay: row.receivedDay, ...doc })}\n`,
        );
      } catch (err) {
        failures++;
        const why = err instanceof CryptoInputError ? err.message : 'unexpected error';
        process.stderr.write(`Report ${row.reportId}: ${why}\n`);
      }
    }
    process.stderr.write(
      `${rows.length - failures} of ${rows.length} reports opened for ${org.id}.\n`,
    );
    if (failures) process.exitCode = 1;
  } finally {
    sodium.memzero(secretKey);
    handle.close();
  }
}

main().catch((err: unknown) => fail(`reports:open failed: ${errorText(err)}`));
