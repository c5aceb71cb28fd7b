// The member's own account: key passphrase (re-wrapped here, in the browser), password and
// second factor.

import { MIN_PASSPHRASE_CHARS, wrapSecretKey } from '../../../../src/crypto/key-wrap.ts';
import { loadSodium } from '../../../../src/crypto/sodium.ts';
import { MIN_PASSWORD_CHARS } from '../../../../src/shared/staff-auth-limits.ts';
import { NO_CONTENT } from '../../lib/api-client.ts';
import { h } from '../../lib/dom.ts';
import { fill, inLang, type Said } from '../../lib/i18n.ts';
import { say, tx } from '../../lib/live-lang.ts';
import { field, statusLine } from './admin.ts';
import { failureWords, key, session, staffApi } from './session.ts';
import { WORKSPACE_TEXT as W } from './text.ts';
import { totpSection } from './totp.ts';

function changeForm(
  prefix: string,
  title: Said,
  min: number,
  save: (next: string, status: HTMLElement) => Promise<void>,
  current?: HTMLElement,
): HTMLElement {
  const [box, input] = field(`${prefix}-new`, W.newValue, 'password');
  const [box2, again] = field(`${prefix}-again`, W.repeat, 'password');
  const status = statusLine();
  const form = h(
    'form',
    { novalidate: true, 'aria-labelledby': `${prefix}-title` },
    tx(title, 'h2', { id: `${prefix}-title` }),
    current,
    box,
    box2,
    tx((l) => fill(inLang(W.atLeast, l), { min }), 'p', { class: 'hint' }),
    h('div', { class: 'actions' }, tx(W.change, 'button', { type: 'submit' })),
    status,
  ) as HTMLFormElement;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (input.value !== again.value) {
      say(status, W.noMatch);
      return;
    }
    if (input.value.length < min) {
      say(status, (l) => fill(inLang(W.tooShort, l), { min }));
      return;
    }
    try {
      await save(input.value, status);
      form.reset();
    } catch (err) {
      say(status, failureWords(err));
    }
  });
  return form;
}

export function showAccount(view: HTMLElement): void {
  const holdsKey = session().wrappedKey !== null;
  const passphrase = changeForm(
    'own-passphrase',
    W.passphrase,
    MIN_PASSPHRASE_CHARS,
    async (next, status) => {
      const s = await loadSodium();
      await staffApi('PUT', '/api/staff/me/wrapped-key', NO_CONTENT, {
        wrappedKey: wrapSecretKey(s, key().secretKey, next),
      });
      say(status, W.passphraseChanged);
    },
  );
  const [currentBox, current] = field('own-password-current', W.currentPassword, 'password');
  const password = changeForm(
    'own-password',
    W.password,
    MIN_PASSWORD_CHARS,
    async (next, status) => {
      await staffApi('PUT', '/api/staff/me/password', NO_CONTENT, {
        currentPassword: current.value,
        newPassword: next,
      });
      say(status, W.passwordChanged);
    },
    currentBox,
  );
  view.replaceChildren(
    tx(W.tabAccount, 'h1', { tabindex: '-1' }),
    ...(holdsKey ? [passphrase] : []),
    password,
    totpSection(),
  );
}
