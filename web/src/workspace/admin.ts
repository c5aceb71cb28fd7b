// Staff management and the audit log (admins), and changing one's own key passphrase. New
// members' keys are wrapped here, in the admin's browser; the server never sees the key.
import { loadSodium } from '../../../src/crypto.ts';
import { wrapSecretKey } from '../../../src/key-wrap.ts';
import type { StaffView } from '../../../src/staff-schemas.ts';
import { bi, h } from '../dom.ts';
import { AUDIT_ACTION_LABELS, peruTime } from './audit-labels.ts';
import { api, key, session } from './session.ts';

export function field(
  id: string,
  es: string,
  en: string,
  type = 'text',
): [HTMLElement, HTMLInputElement] {
  const input = h('input', {
    id,
    name: id,
    type,
    autocomplete: 'off',
    required: true,
  }) as HTMLInputElement;
  return [h('div', {}, h('label', { class: 'field', for: id }, bi(es, en)), input), input];
}

export function statusLine(): HTMLElement {
  return h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
}

const ROLE_NAMES: Record<StaffView['role'], string> = {
  admin: 'Administradora · Admin',
  caseworker: 'Gestora de casos · Caseworker',
  analyst: 'Analista · Analyst',
};

function staffRow(m: StaffView, redraw: () => void): HTMLElement {
  const text = `${m.name} <${m.email}> · ${ROLE_NAMES[m.role]}${m.active ? '' : ' · inactiva · inactive'}`;
  if (!m.active || m.id === session().staff.id) return h('li', {}, text);
  const off = h('button', { type: 'button', class: 'secondary' }, bi('Desactivar', 'Deactivate'));
  off.setAttribute('aria-label', `Desactivar a ${m.name} · Deactivate ${m.name}`);
  off.addEventListener('click', async () => {
    // Deactivation also deletes their wrapped key and ends their sessions.
    await api('POST', `/api/org/staff/${m.id}/deactivate`);
    redraw();
  });
  return h('li', {}, text, ' ', off);
}

export async function showStaff(view: HTMLElement, added?: string): Promise<void> {
  const { staff } = await api<{ staff: StaffView[] }>('GET', '/api/org/staff');
  const [emailBox, email] = field('new-email', 'Correo', 'E-mail', 'email');
  const [nameBox, name] = field('new-name', 'Nombre', 'Name');
  const [passwordBox, password] = field(
    'new-password',
    'Contraseña inicial',
    'First password',
    'password',
  );
  const [phraseBox, phrase] = field(
    'new-passphrase',
    'Frase inicial de la llave',
    'First key passphrase',
    'password',
  );
  const role = h(
    'select',
    { id: 'new-role' },
    h('option', { value: 'caseworker' }, 'Gestora de casos: lee y responde · Caseworker'),
    h('option', { value: 'analyst' }, 'Analista: solo cifras · Analyst'),
    h('option', { value: 'admin' }, 'Administradora: todo, y el equipo · Admin'),
  ) as HTMLSelectElement;
  const status = statusLine();
  if (added) {
    status.textContent = `Listo: agregaste a ${added}. Entrégale la contraseña y la frase en persona. · Done: ${added} was added.`;
  }
  const form = h(
    'form',
    { novalidate: true },
    h('h2', {}, bi('Agregar a alguien', 'Add a member')),
    emailBox,
    nameBox,
    h('label', { class: 'field', for: 'new-role' }, bi('Rol', 'Role')),
    role,
    passwordBox,
    phraseBox,
    h(
      'p',
      { class: 'hint' },
      bi(
        'Entrega la contraseña y la frase en persona; la persona debe cambiar la frase.',
        'Hand both over in person; they should change the passphrase.',
      ),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, bi('Agregar', 'Add'))),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const s = await loadSodium();
      const analyst = role.value === 'analyst';
      await api('POST', '/api/org/staff', {
        email: email.value,
        name: name.value,
        role: role.value,
        password: password.value,
        ...(analyst ? {} : { wrappedKey: wrapSecretKey(s, key().secretKey, phrase.value) }),
      });
      void showStaff(view, name.value);
    } catch (err) {
      status.textContent = `Error: ${err instanceof Error ? err.message : String(err)}`;
    }
  });
  view.replaceChildren(
    h('h1', { tabindex: '-1' }, bi('Equipo', 'Staff')),
    h('ul', { class: 'staff' }, ...staff.map((m) => staffRow(m, () => void showStaff(view)))),
    form,
  );
}

export async function showAudit(view: HTMLElement): Promise<void> {
  type Entry = { at: string; staffId: string | null; action: string; reportId: string | null };
  const [{ entries }, { staff }] = await Promise.all([
    api<{ entries: Entry[] }>('GET', '/api/org/audit'),
    api<{ staff: StaffView[] }>('GET', '/api/org/staff'),
  ]);
  const names = new Map(staff.map((m) => [m.id, m.name]));
  const who = (id: string | null): string => (id ? (names.get(id) ?? id) : '—');
  const what = (action: string): HTMLElement | string => {
    const l = AUDIT_ACTION_LABELS[action];
    return l ? bi(l.es, l.en) : action;
  };
  view.replaceChildren(
    h('h1', { tabindex: '-1' }, bi('Registro de acciones', 'Audit log')),
    h(
      'table',
      {},
      h(
        'caption',
        {},
        bi('Quién hizo qué y cuándo, sin contenido', 'Who did what and when, without content'),
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            'Cuándo (hora de Perú) · When (Peru time)',
            'Quién · Who',
            'Qué · What',
            'Reporte · Report',
          ].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        ...entries.map((e) =>
          h(
            'tr',
            {},
            h('td', {}, peruTime(e.at)),
            h('td', {}, who(e.staffId)),
            h('td', {}, what(e.action)),
            h('td', { class: 'report-id' }, e.reportId ?? '—'),
          ),
        ),
      ),
    ),
  );
}
