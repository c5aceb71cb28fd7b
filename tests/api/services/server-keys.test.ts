// The service's own keys live in data/keys/, outside the database: made once, readable by the
// service's user only, and the same key on every start (a new OPRF key would stop old reports
// matching new ones).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadOrCreateOprfKey,
  loadOrCreateTransportKey,
} from '../../../api/services/reporter/server-keys.ts';
import { loadSodium, toBase64 } from '../../../src/crypto/sodium.ts';

const sodium = await loadSodium();
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('server keys', () => {
  it('makes each key once, 0600 in a 0700 folder, and reads the same one back', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vs-keys-'));
    const keys = path.join(dir, 'keys');
    const oprf = loadOrCreateOprfKey(sodium, keys);
    const transport = loadOrCreateTransportKey(sodium, keys);
    expect(statSync(keys).mode & 0o777).toBe(0o700);
    for (const name of ['oprf.key', 'transport.key']) {
      expect(statSync(path.join(keys, name)).mode & 0o777).toBe(0o600);
    }
    expect(toBase64(sodium, loadOrCreateOprfKey(sodium, keys))).toBe(toBase64(sodium, oprf));
    expect(toBase64(sodium, loadOrCreateTransportKey(sodium, keys).publicKey)).toBe(
      toBase64(sodium, transport.publicKey),
    );
    // The OPRF key is a scalar of 32 bytes, written as one base64 line.
    expect(readFileSync(path.join(keys, 'oprf.key'), 'utf8')).toBe(`${toBase64(sodium, oprf)}\n`);
    expect(oprf).toHaveLength(32);
  });
});
