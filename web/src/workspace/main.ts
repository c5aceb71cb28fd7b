// The workspace: sign in, unlock the organisation key in this browser, then the inbox, intake,
// staff and audit views. The key lives only in memory and is wiped on log-out.
import { SESSION_IDLE_MS } from '../../../src/staff-auth-limits.ts';
import { can } from '../../../src/staff-roles.ts';
import { $ } from '../dom.ts';
import { showAccount } from './account.ts';
import { showAudit, showStaff } from './admin.ts';
import { showExactStats } from './exact-stats.ts';
import { showInbox } from './inbox.ts';
import { showIntake } from './intake.ts';
import {
  ApiFailure,
  api,
  forgetAll,
  loadSession,
  recover,
  SignedOut,
  session,
  unlock,
} from './session.ts';

const LOGIN_MESSAGES: Record<string, string> = {
  invalid_credentials: 'Correo o contraseña incorrectos · Wrong e-mail or password',
  totp_required: 'Escribe el código de 6 números de tu aplicación · Enter your 6-digit code',
  invalid_totp: 'El código de 6 números no es correcto · The 6-digit code is wrong',
  too_many_attempts:
    'Demasiados intentos. Espera un momento y vuelve a intentar · Too many attempts; wait and retry',
  rate_limited:
    'Demasiados intentos desde esta conexión. Espera unos minutos · Too many attempts from this connection; wait a few minutes',
  passwords_busy:
    'El servicio está ocupado. Vuelve a intentar en unos segundos · The service is busy; try again in a few seconds',
  invalid_request: 'Escribe tu correo y tu contraseña · Enter your e-mail and password',
};

type ViewName = 'inbox' | 'intake' | 'staff' | 'audit' | 'stats' | 'key';
const SECTIONS = ['#login', '#unlock', '#app'] as const;

function only(section: (typeof SECTIONS)[number]): void {
  for (const s of SECTIONS) $<HTMLElement>(s).hidden = s !== section;
  document.querySelector<HTMLElement>(`${section} h1`)?.focus();
}

async function signedOut(message = ''): Promise<void> {
  await forgetAll();
  $('#view').replaceChildren();
  $<HTMLButtonElement>('#logout').hidden = true;
  $('#who').textContent = 'Voz Segura · Equipo';
  $('#login-status').textContent = message;
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
    if (name === 'inbox') await showInbox(view);
    else if (name === 'intake') await showIntake(view);
    else if (name === 'staff') await showStaff(view);
    else if (name === 'audit') await showAudit(view);
    else if (name === 'stats') showExactStats(view);
    else showAccount(view);
    view.querySelector<HTMLElement>('h1')?.focus();
  } catch (err) {
    if (err instanceof SignedOut) return signedOut('La sesión terminó · Session ended');
    $('#app-status').textContent = `Error: ${err instanceof Error ? err.message : String(err)}`;
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
  $('#who').textContent = `${current.staff.name} · ${current.organisation.name}`;
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
  only('#unlock');
}

$<HTMLFormElement>('#login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = (id: string): string => $<HTMLInputElement>(id).value;
  const totp = value('#totp').trim();
  $('#login-status').textContent = 'Entrando… · Signing in…';
  try {
    await api('POST', '/api/staff/login', {
      email: value('#email'),
      password: value('#password'),
      ...(totp ? { totp } : {}),
    });
    $<HTMLFormElement>('#login-form').reset();
    $('#login-status').textContent = '';
    await afterSignIn();
  } catch (err) {
    const code = err instanceof ApiFailure ? err.code : '';
    $('#login-status').textContent =
      LOGIN_MESSAGES[code] ?? `Error: ${err instanceof Error ? err.message : String(err)}`;
    if (code === 'totp_required') $<HTMLInputElement>('#totp').focus();
  }
});

$<HTMLFormElement>('#unlock-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('#unlock-status').textContent = 'Abriendo… · Unlocking…';
  try {
    await unlock($<HTMLInputElement>('#passphrase').value);
    $<HTMLFormElement>('#unlock-form').reset();
    $('#unlock-status').textContent = '';
    enterApp();
  } catch {
    $('#unlock-status').textContent = 'La frase no es correcta · Wrong passphrase';
  }
});

$<HTMLFormElement>('#recover-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('#recover-status').textContent = 'Recuperando… · Recovering…';
  try {
    await recover(
      $<HTMLInputElement>('#recovery-key').value,
      $<HTMLInputElement>('#recovery-passphrase').value,
    );
    $<HTMLFormElement>('#recover-form').reset();
    $('#recover-status').textContent = '';
    enterApp();
  } catch (err) {
    $('#recover-status').textContent = `Error: ${err instanceof Error ? err.message : String(err)}`;
  }
});

for (const b of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
  b.addEventListener('click', () => void show(b.dataset.view as ViewName));
}

$<HTMLButtonElement>('#logout').addEventListener('click', async () => {
  await api('POST', '/api/staff/logout').catch(() => undefined);
  await signedOut('Sesión cerrada · Signed out');
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
    void api('POST', '/api/staff/logout').catch(() => undefined);
    void signedOut('Sesión cerrada por inactividad · Signed out after inactivity');
  }
}, 15_000);

void afterSignIn();
