// The signed-in session and the organisation key, held only in this page's memory. The key is
// wiped on log-out; nothing is written to storage.

import { SessionStateSchema, type SessionView } from '../../../../src/contract/staff-schemas.ts';
import { unwrapSecretKey, wrapSecretKey } from '../../../../src/crypto/key-wrap.ts';
import { fromBase64, loadSodium } from '../../../../src/crypto/sodium.ts';
import {
  ApiFailure,
  type ApiRequest,
  api,
  NO_CONTENT,
  type ReplyCheck,
  UnexpectedReply,
} from '../../lib/api-client.ts';
import { fill, inLang } from '../../lib/i18n.ts';
import type { Words } from '../../lib/live-lang.ts';
import { ERROR_TEXT, WORKSPACE_TEXT } from './text.ts';

export type Unlocked = { publicKey: Uint8Array; secretKey: Uint8Array };

let csrf = '';
let current: SessionView | null = null;
let orgKey: Unlocked | null = null;

/**
 * A request of the workspace: with the session cookie, never cached, and with the CSRF token once
 * signed in. `reply` is the schema its route answers with (NO_CONTENT for a 204).
 */
export function staffApi<T>(
  method: NonNullable<ApiRequest['method']>,
  url: string,
  reply: ReplyCheck<T>,
  body?: unknown,
): Promise<T> {
  return api(url, reply, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: csrf ? { 'x-csrf-token': csrf } : {},
    body,
  });
}

/** Whether the failure means the member is signed out (their session ended or was never there). */
export const isSignedOut = (err: unknown): boolean =>
  err instanceof ApiFailure && err.status === 401;

/** The session, or null when signed out; asked without a 401, so the console stays clean. */
export async function loadSession(): Promise<SessionView | null> {
  const state = await staffApi('GET', '/api/staff/session', SessionStateSchema);
  if (!state.signedIn) return null;
  const { signedIn: _, ...view } = state;
  current = view;
  csrf = current.csrfToken;
  return current;
}

export function session(): SessionView {
  if (!current) throw new ApiFailure(401, 'not_signed_in', 'Please sign in');
  return current;
}

export async function unlock(passphrase: string): Promise<void> {
  const s = await loadSodium();
  const wrapped = session().wrappedKey;
  if (!wrapped) throw new Error('no key');
  const secretKey = unwrapSecretKey(s, wrapped, passphrase);
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
  await staffApi('PUT', '/api/staff/me/wrapped-key', NO_CONTENT, {
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

/** What to tell the member about a failure: the server's code in words, or no connection. */
export function failureWords(err: unknown): Words {
  if (err instanceof ApiFailure) {
    const code = err.code;
    return ERROR_TEXT[code] ?? ((l) => fill(inLang(WORKSPACE_TEXT.failed, l), { code }));
  }
  if (err instanceof TypeError) return WORKSPACE_TEXT.offline;
  // Not the service's answer (a captive portal's page) or not of the shape it sends: not used.
  if (err instanceof UnexpectedReply) {
    return (l) => fill(inLang(WORKSPACE_TEXT.failed, l), { code: 'unexpected_reply' });
  }
  const code = err instanceof Error ? err.message : String(err);
  return (l) => fill(inLang(WORKSPACE_TEXT.failed, l), { code });
}
