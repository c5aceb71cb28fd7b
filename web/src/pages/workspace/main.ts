// The workspace: sign in, unlock the organisation key in this browser, then the inbox, intake,
// staff and audit views. The key lives only in memory and is wiped on log-out.

import { LoginReplySchema } from '../../../../src/contract/staff-schemas.ts';
import { MIN_PASSPHRASE_CHARS } from '../../../../src/crypto/key-wrap.ts';
import { loadSodium } from '../../../../src/crypto/sodium.ts';
import { SESSION_IDLE_MS } from '../../../../src/shared/staff-auth-limits.ts';
import { can } from '../../../../src/shared/staff-roles.ts';
import { ApiFailure, NO_CONTENT } from '../../lib/api-client.ts';
import { $ } from '../../lib/dom.ts';
import { fill, inLang } from '../../lib/i18n.ts';
import { installLanguageSwitch, say, sayStatus, unsay, type Words } from '../../lib/live-lang.ts';
import {
  failureWords,
  forgetAll,
  isSignedOut,
  loadSession,
  recover,
  session,
  staffApi,
  unlock,
} from './session.ts';
import { WORKSPACE_TEXT as W } from './text.ts';

installLanguageSwitch($<HTMLButtonElement>('#switch-lang'), W);

const status = (id: string, w: Words | ''): void => sayStatus($(id), w);

type ViewName = 'inbox' | 'intake' | 'staff' | 'audit' | 'stats' | 'key';
const SECTIONS = ['#login', '#unlock', '#app'] as const;

function only(section: (typeof SECTIONS)[number]): void {
  // Focus moves only to a section newly shown: someone already typing in it keeps their place.
  const shown = !$<HTMLElement>(section).hidden;
  for (const s of SECTIONS) $<HTMLElement>(s).hidden = s !== section;
  if (!shown) document.querySelector<HTMLElement>(`${section} h1`)?.focus();
}

async function signedOut(message: Words | '' = ''): Promise<void> {
  await forgetAll();
  $('#view').replaceChildren();
  $<HTMLButtonElement>('#logout').hidden = true;
  say($('#who'), W.pageTitle);
  status('#login-status', message);
  only('#login');
}

async function show(name: ViewName): Promise<void> {
  // Each visit renders into a container of its own: a view still loading (the inbox opening
  // its boxes on a slow phone) then finishes into a container no longer on the page, instead
  // of replacing the view the person has moved on to.
  const view = document.createElement('div');
  view.className = 'view-body';
  $<HTMLElement>('#view').replaceChildren(view);
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    b.setAttribute('aria-pressed', String(b.dataset.view === name));
  }
  try {
    const v = await import('./views.ts');
    if (name === 'inbox') await v.showInbox(view);
    else if (name === 'intake') await v.showIntake(view);
    else if (name === 'staff') await v.showStaff(view);
    else if (name === 'audit') await v.showAudit(view);
    else if (name === 'stats') v.showExactStats(view);
    else v.showAccount(view);
    view.querySelector<HTMLElement>('h1')?.focus();
  } catch (err) {
    if (isSignedOut(err)) return signedOut(W.sessionEnded);
    status('#app-status', failureWords(err));
  }
}

function enterApp(): void {
  const { staff, organisation } = session();
  const role = staff.role;
  const tab = (name: string) => $<HTMLButtonElement>(`[data-view="${name}"]`);
  tab('intake').hidden = organisation.role !== 'legal_aid';
  tab('staff').hidden = !can(role, 'manage_staff');
  tab('audit').hidden = !can(role, 'read_audit');
  tab('stats').hidden = !can(role, 'exact_stats');
  only('#app');
  void show(organisation.role === 'legal_aid' ? 'intake' : 'inbox');
}

async function afterSignIn(): Promise<void> {
  const current = await loadSession();
  if (!current) return signedOut();
  unsay($('#who'), `${current.staff.name} · ${current.organisation.name}`);
  $<HTMLButtonElement>('#logout').hidden = false;
  if (!can(current.staff.role, 'read_reports')) {
    // Analysts work with figures only: the exact figures and their own account settings.
    only('#app');
    for (const b of document.querySelectorAll<HTMLElement>('[data-view]')) {
      b.hidden = b.dataset.view !== 'key' && b.dataset.view !== 'stats';
    }
    void show('stats');
    return;
  }
  // For the key passphrase, typed next, and the views behind it.
  void loadSodium().catch(() => {});
  void import('./views.ts').catch(() => {});
  only('#unlock');
}

// libsodium (a large download) starts once someone begins to sign in, not with the page.
$<HTMLFormElement>('#login-form').addEventListener(
  'focusin',
  () => void loadSodium().catch(() => {}),
  { once: true },
);

$<HTMLFormElement>('#login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = (id: string): string => $<HTMLInputElement>(id).value;
  const totp = value('#totp').trim();
  status('#login-status', W.signingIn);
  try {
    await staffApi('POST', '/api/staff/login', LoginReplySchema, {
      email: value('#email'),
      password: value('#password'),
      ...(totp ? { totp } : {}),
    });
    $<HTMLFormElement>('#login-form').reset();
    status('#login-status', '');
    await afterSignIn();
  } catch (err) {
    const code = err instanceof ApiFailure ? err.code : '';
    status('#login-status', failureWords(err));
    if (code === 'totp_required') $<HTMLInputElement>('#totp').focus();
  }
});

$<HTMLFormElement>('#unlock-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  status('#unlock-status', W.unlocking);
  try {
    await unlock($<HTMLInputElement>('#passphrase').value);
    $<HTMLFormElement>('#unlock-form').reset();
    status('#unlock-status', '');
    enterApp();
  } catch {
    status('#unlock-status', W.wrongPassphrase);
  }
});

$<HTMLFormElement>('#recover-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const passphrase = $<HTMLInputElement>('#recovery-passphrase').value;
  if (passphrase.length < MIN_PASSPHRASE_CHARS) {
    status('#recover-status', (l) => fill(inLang(W.tooShort, l), { min: MIN_PASSPHRASE_CHARS }));
    return;
  }
  status('#recover-status', W.recovering);
  try {
    await recover($<HTMLInputElement>('#recovery-key').value, passphrase);
    $<HTMLFormElement>('#recover-form').reset();
    status('#recover-status', '');
    enterApp();
  } catch (err) {
    status('#recover-status', err instanceof ApiFailure ? failureWords(err) : W.notRecoveryKey);
  }
});

for (const b of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
  b.addEventListener('click', () => void show(b.dataset.view as ViewName));
}

$<HTMLButtonElement>('#logout').addEventListener('click', async () => {
  await staffApi('POST', '/api/staff/logout', NO_CONTENT).catch(() => undefined);
  await signedOut(W.signedOut);
});

// Decrypted reports must not stay on an unattended screen: after the server's idle limit
// without a key press or tap, the page logs out, wipes the key and clears the view.
let lastActivity = Date.now();
for (const type of ['keydown', 'pointerdown']) {
  document.addEventListener(type, () => {
    lastActivity = Date.now();
  });
}
window.setInterval(() => {
  if ($<HTMLElement>('#login').hidden && Date.now() - lastActivity > SESSION_IDLE_MS) {
    $('#view').replaceChildren();
    void staffApi('POST', '/api/staff/logout', NO_CONTENT).catch(() => undefined);
    void signedOut(W.signedOutIdle);
  }
}, 15_000);

// The sign-in form at once (the page's main content on a slow phone), while the session is
// checked; someone already signed in goes on to the key passphrase.
only('#login');
void afterSignIn();
