// The transport key protects a report that waits on a phone with no connection: the form seals
// the whole submission (facts and boxes) to it, so the phone's storage holds ciphertext only.
// It guards nothing the server does not see anyway on arrival (the facts in clear and the
// organisations' boxes), which is why this one private key may live on the server.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  fromBase64,
  generateKeyPair,
  publicKeyFromSecret,
  type Sodium,
  toBase64,
} from '../src/crypto.ts';

export type KeyPair = { publicKey: Uint8Array; secretKey: Uint8Array };

export function loadOrCreateTransportKey(s: Sodium, keysDir: string): KeyPair {
  const file = path.join(keysDir, 'transport.key');
  if (existsSync(file)) {
    const secretKey = fromBase64(s, readFileSync(file, 'utf8').trim());
    return { secretKey, publicKey: publicKeyFromSecret(s, secretKey) };
  }
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const pair = generateKeyPair(s);
  writeFileSync(file, `${toBase64(s, pair.secretKey)}\n`, { mode: 0o600, flag: 'wx' });
  return pair;
}
