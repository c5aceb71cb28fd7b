// The signed-in session and the organisation key, held only in this page's memory. The key is
// wiped on log-out; nothing is written to storage.
import { fromBase64, loadSodium } from '../../../src/crypto.ts';
import { unwrapSecretKey, type WrappedKey, wrapSecretKey } from '../../../src/key-wrap.ts';
import type { SessionView } from '../../../src/staff-schemas.ts';

export type Unlocked = { publicKey: Uint8Array; secretKey: Uint8Array };

let csrf = '';
let current: SessionView | null = null;
let orgKey: Unlocked | null = null;

/** A refusal from the API, with its error code (SignedOut for 401). */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
export class SignedOut extends ApiFailure {}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as T & {
    error?: { code?: string; message?: string };
  };
  if (!res.ok) {
    const code = json?.error?.code ?? 'unknown';
    const message = json?.error?.message ?? `status ${res.status}`;
    throw res.status === 401 ? new SignedOut(code, message) : new ApiFailure(code, message);
  }
  return json;
}

export async function loadSession(): Promise<SessionView | null> {
  try {
    current = await api<SessionView>('GET', '/api/staff/me');
    csrf = current.csrfToken;
    return current;
  } catch (err) {
    if (err instanceof SignedOut) return null;
    throw err;
  }
}

export function session(): SessionView {
  if (!current) throw new SignedOut('not_signed_in', 'Please sign in');
  return current;
}

export async function unlock(passphrase: string): Promise<void> {
  const s = await loadSodium();
  const wrapped = session().wrappedKey;
  if (!wrapped) throw new Error('no key');
  const secretKey = unwrapSecretKey(s, wrapped as WrappedKey, passphrase);
  const publicKey = fromBase64(s, session().organisation.publicKey);
  if (!s.memcmp(s.crypto_scalarmult_base(secretKey), publicKey)) {
    s.memzero(secretKey);
    throw new Error('the unwrapped key does not match the organisation');
  }
  orgKey = { publicKey, secretKey };
}

/**
 * With the recovery key (the organisation's private key, shown once at creation): check it
 * belongs to this organisation, wrap it under a new passphrase for this member, and unlock.
 */
export async function recover(recoveryKey: string, newPassphrase: string): Promise<void> {
  const s = await loadSodium();
  const secretKey = fromBase64(s, recoveryKey.trim());
  const publicKey = fromBase64(s, session().organisation.publicKey);
  if (secretKey.length !== 32 || !s.memcmp(s.crypto_scalarmult_base(secretKey), publicKey)) {
    s.memzero(secretKey);
    throw new Error('this is not the recovery key of this organisation');
  }
  await api('PUT', '/api/staff/me/wrapped-key', {
    wrappedKey: wrapSecretKey(s, secretKey, newPassphrase),
  });
  orgKey = { publicKey, secretKey };
}

export function key(): Unlocked {
  if (!orgKey) throw new Error('locked');
  return orgKey;
}

export async function forgetAll(): Promise<void> {
  const s = await loadSodium();
  if (orgKey) s.memzero(orgKey.secretKey);
  orgKey = null;
  current = null;
  csrf = '';
}
