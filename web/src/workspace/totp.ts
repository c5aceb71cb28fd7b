// Turning on a second factor: the server makes a TOTP secret, the member adds it to an
// authenticator app by hand (no QR library, so nothing is fetched from elsewhere) and confirms
// with a code.
import { bi, h } from '../dom.ts';
import { api, session } from './session.ts';

export function totpSection(): HTMLElement {
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const section = h('section', { 'aria-labelledby': 'totp-title' });
  const title = h('h2', { id: 'totp-title' }, bi('Código de 6 números', 'Two-step code (TOTP)'));
  if (session().staff.totpEnabled) {
    section.append(title, h('p', {}, bi('Ya está activado.', 'It is already on.')));
    return section;
  }
  const start = h('button', { type: 'button', class: 'secondary' }, bi('Activar', 'Turn on'));
  start.addEventListener('click', async () => {
    try {
      const { secret } = await api<{ secret: string; uri: string }>('POST', '/api/staff/me/totp');
      const code = h('input', {
        id: 'totp-confirm',
        inputmode: 'numeric',
        autocomplete: 'one-time-code',
        maxlength: '6',
      }) as HTMLInputElement;
      const form = h(
        'form',
        { novalidate: true },
        h(
          'p',
          {},
          bi(
            'Agrega esta clave en tu aplicación de códigos:',
            'Add this key to your authenticator app:',
          ),
        ),
        h('p', { class: 'receipt-code' }, secret.replace(/(.{4})/g, '$1 ').trim()),
        h(
          'label',
          { class: 'field', for: 'totp-confirm' },
          bi('Código que muestra la aplicación', 'Code the app shows'),
        ),
        code,
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, bi('Confirmar', 'Confirm'))),
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          await api('POST', '/api/staff/me/totp/confirm', { code: code.value.trim() });
          form.replaceWith(
            h(
              'p',
              {},
              bi('Activado. Desde ahora se pedirá al entrar.', 'On. It will be asked at sign-in.'),
            ),
          );
        } catch (err) {
          status.textContent = `Error: ${err instanceof Error ? err.message : String(err)}`;
        }
      });
      start.replaceWith(form);
      code.focus();
    } catch (err) {
      status.textContent = `Error: ${err instanceof Error ? err.message : String(err)}`;
    }
  });
  section.append(title, start, status);
  return section;
}
