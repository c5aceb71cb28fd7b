// The member's own account: key passphrase (re-wrapped here, in the browser), password and
// second factor.
import { loadSodium } from '../../../src/crypto.ts';
import { MIN_PASSPHRASE_CHARS, wrapSecretKey } from '../../../src/key-wrap.ts';
import { MIN_PASSWORD_CHARS } from '../../../src/staff-auth-limits.ts';
import { bi, h } from '../dom.ts';
import { field, statusLine } from './admin.ts';
import { api, key, session } from './session.ts';
import { totpSection } from './totp.ts';

function changeForm(
  prefix: string,
  title: [string, string],
  min: number,
  save: (next: string, status: HTMLElement) => Promise<void>,
  current?: HTMLElement,
): HTMLElement {
  const [box, input] = field(`${prefix}-new`, 'Nueva', 'New', 'password');
  const [box2, again] = field(`${prefix}-again`, 'Repítela', 'Repeat it', 'password');
  const status = statusLine();
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': `${prefix}-title` },
    h('h2', { id: `${prefix}-title` }, bi(...title)),
    current,
    box,
    box2,
    h('p', { class: 'hint' }, bi(`Al menos ${min} caracteres.`, `At least ${min} characters.`)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, bi('Cambiar', 'Change'))),
    status,
  ) as HTMLFormElement;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (input.value !== again.value) {
      status.textContent = 'No coinciden · They do not match';
      return;
    }
    if (input.value.length < min) {
      status.textContent = `Muy corta · Too short (${min}+)`;
      return;
    }
    try {
      await save(input.value, status);
      form.reset();
    } catch (err) {
      status.textContent = `Error: ${err instanceof Error ? err.message : String(err)}`;
    }
  });
  return form;
}

export function showAccount(view: HTMLElement): void {
  const holdsKey = session().wrappedKey !== null;
  const passphrase = changeForm(
    'own-passphrase',
    ['Frase de la llave', 'Key passphrase'],
    MIN_PASSPHRASE_CHARS,
    async (next, status) => {
      const s = await loadSodium();
      await api('PUT', '/api/staff/me/wrapped-key', {
        wrappedKey: wrapSecretKey(s, key().secretKey, next),
      });
      status.textContent = 'Listo: la llave quedó cerrada con la nueva frase · Done';
    },
  );
  const [currentBox, current] = field(
    'own-password-current',
    'Contraseña actual',
    'Current password',
    'password',
  );
  const password = changeForm(
    'own-password',
    ['Contraseña', 'Password'],
    MIN_PASSWORD_CHARS,
    async (next, status) => {
      await api('PUT', '/api/staff/me/password', {
        currentPassword: current.value,
        newPassword: next,
      });
      status.textContent = 'Listo: se cerraron tus otras sesiones · Done; other sessions ended';
    },
    currentBox,
  );
  view.replaceChildren(
    h('h1', { tabindex: '-1' }, bi('Mi cuenta', 'My account')),
    ...(holdsKey ? [passphrase] : []),
    password,
    totpSection(),
  );
}
