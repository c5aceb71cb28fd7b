// The two private keys the service itself holds, each in its own file in data/keys/ (0600, in a
// 0700 folder), outside the database: a copy of the database alone opens nothing and tests nothing.
// Backups: docs/operations.md. Made on first start.
//
// - transport.key: protects a report that waits on a phone with no connection. The form seals the
//   whole submission (facts and boxes) to it, so the phone's storage holds ciphertext only. It
//   guards nothing the server does not see anyway on arrival (the facts in clear and the
//   organisations' boxes), which is why this one private key may live on the server.
// - oprf.key: the oblivious PRF key that turns an identifier (a phone, a plate) into a matching
//   tag (src/crypto/oprf.ts). Whoever holds it and the database can test a guessed identifier
//   against the stored tags, one guess per computation; without it the tags test nothing. Losing
//   it loses matching with every report stored so far, never a report.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomKey } from '../../../src/crypto/oprf.ts';
import {
  fromBase64,
  generateKeyPair,
  publicKeyFromSecret,
  type Sodium,
  toBase64,
} from '../../../src/crypto/sodium.ts';

export type KeyPair = { publicKey: Uint8Array; secretKey: Uint8Array };

/** The secret in keysDir/name, made by `create` and written (0600, never overwritten) if absent. */
function loadOrCreateSecret(
  s: Sodium,
  keysDir: string,
  name: string,
  create: () => Uint8Array,
): Uint8Array {
  const file = path.join(keysDir, name);
  if (existsSync(file)) return fromBase64(s, readFileSync(file, 'utf8').trim());
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const secret = create();
  writeFileSync(file, `${toBase64(s, secret)}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

export function loadOrCreateTransportKey(s: Sodium, keysDir: string): KeyPair {
  const secretKey = loadOrCreateSecret(
    s,
    keysDir,
    'transport.key',
    () => generateKeyPair(s).secretKey,
  );
  return { secretKey, publicKey: publicKeyFromSecret(s, secretKey) };
}

export function loadOrCreateOprfKey(s: Sodium, keysDir: string): Uint8Array {
  return loadOrCreateSecret(s, keysDir, 'oprf.key', () => randomKey(s));
}
