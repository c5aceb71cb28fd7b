// Staff management and the audit log (admins), and changing one's own key passphrase. New
// members' keys are wrapped here, in the admin's browser; the server never sees the key.

import {
  AuditListSchema,
  StaffListSchema,
  type StaffView,
  StaffViewSchema,
} from '../../../../src/contract/staff-schemas.ts';
import { MIN_PASSPHRASE_CHARS, wrapSecretKey } from '../../../../src/crypto/key-wrap.ts';
import { loadSodium } from '../../../../src/crypto/sodium.ts';
import { NO_CONTENT } from '../../lib/api-client.ts';
import { h } from '../../lib/dom.ts';
import { fill, formatMoment, inLang, type Said } from '../../lib/i18n.ts';
import { say, tx } from '../../lib/live-lang.ts';
import { AUDIT_ACTION_LABELS } from './audit-labels.ts';
import { failureWords, key, session, staffApi } from './session.ts';
import { ROLE_NAMES, WORKSPACE_TEXT as W } from './text.ts';

export function field(id: string, label: Said, type = 'text'): [HTMLElement, HTMLInputElement] {
  const input = h('input', {
    id,
    name: id,
    type,
    autocomplete: 'off',
    required: true,
  }) as HTMLInputElement;
  return [h('div', {}, tx(label, 'label', { class: 'field', for: id }), input), input];
}

export function statusLine(): HTMLElement {
  return h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
}

function staffRow(m: StaffView, redraw: () => void): HTMLElement {
  const text = tx(
    (l) =>
      `${m.name} <${m.email}> · ${inLang(ROLE_NAMES[m.role], l)}${m.active ? '' : ` · ${inLang(W.inactive, l)}`}`,
  );
  if (!m.active || m.id === session().staff.id) return h('li', {}, text);
  const off = tx(W.deactivate, 'button', { type: 'button', class: 'secondary' });
  say(off, (l) => fill(inLang(W.deactivateWho, l), { name: m.name }), 'aria-label');
  off.addEventListener('click', async () => {
    // Deactivation also deletes their wrapped key and ends their sessions.
    await staffApi('POST', `/api/org/staff/${m.id}/deactivate`, NO_CONTENT);
    redraw();
  });
  return h('li', {}, text, ' ', off);
}

export async function showStaff(view: HTMLElement, added?: string): Promise<void> {
  const { staff } = await staffApi('GET', '/api/org/staff', StaffListSchema);
  const [emailBox, email] = field('new-email', W.email, 'email');
  const [nameBox, name] = field('new-name', W.name);
  const [passwordBox, password] = field('new-password', W.firstPassword, 'password');
  const [phraseBox, phrase] = field('new-passphrase', W.firstPassphrase, 'password');
  const role = h(
    'select',
    { id: 'new-role' },
    tx(W.roleCaseworkerHint, 'option', { value: 'caseworker' }),
    tx(W.roleAnalystHint, 'option', { value: 'analyst' }),
    tx(W.roleAdminHint, 'option', { value: 'admin' }),
  ) as HTMLSelectElement;
  const status = statusLine();
  if (added) say(status, (l) => fill(inLang(W.added, l), { name: added }));
  const form = h(
    'form',
    { novalidate: true },
    tx(W.addTitle, 'h2'),
    emailBox,
    nameBox,
    tx(W.role, 'label', { class: 'field', for: 'new-role' }),
    role,
    passwordBox,
    phraseBox,
    tx(W.handOver, 'p', { class: 'hint' }),
    h('div', { class: 'actions' }, tx(W.add, 'button', { type: 'submit' })),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const analyst = role.value === 'analyst';
    if (!analyst && phrase.value.length < MIN_PASSPHRASE_CHARS) {
      say(status, (l) => fill(inLang(W.tooShort, l), { min: MIN_PASSPHRASE_CHARS }));
      phrase.focus();
      return;
    }
    try {
      const s = await loadSodium();
      await staffApi('POST', '/api/org/staff', StaffViewSchema, {
        email: email.value,
        name: name.value,
        role: role.value,
        password: password.value,
        ...(analyst ? {} : { wrappedKey: wrapSecretKey(s, key().secretKey, phrase.value) }),
      });
      void showStaff(view, name.value);
    } catch (err) {
      say(status, failureWords(err));
    }
  });
  view.replaceChildren(
    tx(W.tabStaff, 'h1', { tabindex: '-1' }),
    h('ul', { class: 'staff' }, ...staff.map((m) => staffRow(m, () => void showStaff(view)))),
    form,
  );
}

export async function showAudit(view: HTMLElement): Promise<void> {
  const [{ entries }, { staff }] = await Promise.all([
    staffApi('GET', '/api/org/audit', AuditListSchema),
    staffApi('GET', '/api/org/staff', StaffListSchema),
  ]);
  const names = new Map(staff.map((m) => [m.id, m.name]));
  const who = (id: string | null): string => (id ? (names.get(id) ?? id) : '—');
  const what = (action: string): HTMLElement | string => {
    const l = AUDIT_ACTION_LABELS[action];
    return l ? tx(l) : action;
  };
  view.replaceChildren(
    tx(W.auditTitle, 'h1', { tabindex: '-1' }),
    h(
      'table',
      {},
      tx(W.auditCaption, 'caption'),
      h(
        'thead',
        {},
        h('tr', {}, ...[W.when, W.who, W.what, W.report].map((t) => tx(t, 'th', { scope: 'col' }))),
      ),
      h(
        'tbody',
        {},
        ...entries.map((e) =>
          h(
            'tr',
            {},
            tx((l) => formatMoment(e.at, l), 'td'),
            h('td', {}, who(e.staffId)),
            h('td', {}, what(e.action)),
            h('td', { class: 'report-id' }, e.reportId ?? '—'),
          ),
        ),
      ),
    ),
  );
}
