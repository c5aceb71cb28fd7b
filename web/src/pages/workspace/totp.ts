// Turning on a second factor: the server makes a TOTP secret, the member adds it to an
// authenticator app by hand (no QR library, so nothing is fetched from elsewhere) and confirms
// with a code.

import { TotpSetupSchema } from '../../../../src/contract/staff-schemas.ts';
import { NO_CONTENT } from '../../lib/api-client.ts';
import { h } from '../../lib/dom.ts';
import { say, tx } from '../../lib/live-lang.ts';
import { failureWords, session, staffApi } from './session.ts';
import { WORKSPACE_TEXT as W } from './text.ts';

export function totpSection(): HTMLElement {
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const section = h('section', { 'aria-labelledby': 'totp-title' });
  const title = tx(W.totpTitle, 'h2', { id: 'totp-title' });
  if (session().staff.totpEnabled) {
    section.append(title, tx(W.totpOn, 'p'));
    return section;
  }
  const start = tx(W.totpStart, 'button', { type: 'button', class: 'secondary' });
  start.addEventListener('click', async () => {
    try {
      const { secret } = await staffApi('POST', '/api/staff/me/totp', TotpSetupSchema);
      const code = h('input', {
        id: 'totp-confirm',
        inputmode: 'numeric',
        autocomplete: 'one-time-code',
        maxlength: '6',
      }) as HTMLInputElement;
      const form = h(
        'form',
        { novalidate: true },
        tx(W.totpAddKey, 'p'),
        h('p', { class: 'receipt-code' }, secret.replace(/(.{4})/g, '$1 ').trim()),
        tx(W.totpCode, 'label', { class: 'field', for: 'totp-confirm' }),
        code,
        h('div', { class: 'actions' }, tx(W.confirm, 'button', { type: 'submit' })),
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          await staffApi('POST', '/api/staff/me/totp/confirm', NO_CONTENT, {
            code: code.value.trim(),
          });
          form.replaceWith(tx(W.totpDone, 'p'));
        } catch (err) {
          say(status, failureWords(err));
        }
      });
      start.replaceWith(form);
      code.focus();
    } catch (err) {
      say(status, failureWords(err));
    }
  });
  section.append(title, start, status);
  return section;
}
