// libsodium loaded, and one fresh key pair for each name a test file asks for.
import { generateKeyPair, loadSodium, type Sodium } from '../../src/crypto/sodium.ts';

export type KeyPair = { publicKey: Uint8Array; secretKey: Uint8Array };

/** `sodiumWithKeys('org', 'stranger')` → `{ sodium, org, stranger }`, each pair new. */
export async function sodiumWithKeys<Name extends string>(
  ...names: Name[]
): Promise<{ sodium: Sodium } & Record<Name, KeyPair>> {
  const sodium = await loadSodium();
  const pairs = Object.fromEntries(names.map((n) => [n, generateKeyPair(sodium)]));
  return { sodium, ...pairs } as { sodium: Sodium } & Record<Name, KeyPair>;
}
