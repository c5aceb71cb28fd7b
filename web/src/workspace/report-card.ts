// One report, opened in the browser: facts, narrative, sealed details, contact (legal-aid boxes
// only), status moves, notes, and a reply to the reporter when they kept a receipt code.

import { type TriageStatus, triageMoves } from '../../../src/case-status.ts';
import { fromBase64, loadSodium, openBox, toBase64 } from '../../../src/crypto.ts';
import type { SealedDocument } from '../../../src/envelope.ts';
import type { InboxItem } from '../../../src/inbox-schemas.ts';
import { openMessage, sealMessage } from '../../../src/message-box.ts';
import { type Opened, openEach } from '../../../src/open-each.ts';
import { bi, h } from '../dom.ts';
import { TRIAGE_LABELS } from '../status-labels.ts';
import { biLabel, label, labels } from './labels.ts';
import { api, key } from './session.ts';

export type OpenedItem = Opened<InboxItem, SealedDocument>;

/** Opens each box with the unlocked key; a box that holds no report comes back as content null. */
export async function openItems(items: readonly InboxItem[]): Promise<OpenedItem[]> {
  const s = await loadSodium();
  const k = key();
  return openEach(items, (item) => openBox(s, fromBase64(s, item.box), k.publicKey, k.secretKey));
}

export const UNOPENED = ['No se pudo abrir', 'Could not be opened'] as const;

/** Counts for a list's status line, saying how many could not be opened when some could not. */
export function countLine(opened: readonly OpenedItem[], es: string, en: string): string {
  const bad = opened.filter((o) => o.content === null).length;
  const total = `${opened.length} ${es} · ${en}`;
  return bad
    ? `${total}. ${bad} ${UNOPENED[0].toLowerCase()} · ${UNOPENED[1].toLowerCase()}`
    : total;
}

// From "new" the server allows only "in review", and "not valid" only from there.
function setAsideHint(status: TriageStatus): HTMLElement | null {
  if (status === 'spam') return null;
  return h(
    'p',
    {},
    status === 'new'
      ? bi(
          'Puedes marcarlo como «No válido»: primero toca «En revisión».',
          'You can mark it as not valid: first tap “Being reviewed”.',
        )
      : bi('Puedes marcarlo como «No válido».', 'You can mark it as not valid.'),
  );
}

/** What stands in for a report that could not be opened: only what is known without its box. */
export function unopenedNotice(item: InboxItem): HTMLElement {
  return h(
    'div',
    { class: 'callout' },
    h('p', {}, h('strong', {}, bi(...UNOPENED))),
    h(
      'p',
      {},
      bi(
        'Este reporte llegó dañado o no lo mandó nuestro formulario, y no se puede leer. Los otros reportes están bien.',
        'This report arrived damaged or was not sent by our form, and it cannot be read. The other reports are fine.',
      ),
    ),
    setAsideHint(item.status),
    h(
      'dl',
      { class: 'summary' },
      ...row('Número del reporte', 'Report id', h('span', { class: 'report-id' }, item.id)),
      ...row('Recibido', 'Received', item.receivedDay),
    ),
  );
}

/** The triage moves the server allows from this report's status. */
export function triageButtons(item: InboxItem, reload: () => void): HTMLElement[] {
  return triageMoves(item.status).map((to: TriageStatus) => {
    const b = h('button', { type: 'button', class: 'secondary' }, biLabel(TRIAGE_LABELS[to]));
    b.addEventListener('click', async () => {
      await api('PUT', `/api/org/reports/${item.id}/status`, { status: to });
      reload();
    });
    return b;
  });
}

function row(es: string, en: string, value: string | Node | undefined): Node[] {
  if (value === undefined || value === '') return [];
  return [h('dt', {}, bi(es, en)), h('dd', {}, value)];
}

/**
 * The person said they are under 18, and the form told them the organisation would see that
 * the report needs special attention: so it is shown first, where it cannot be missed.
 */
export function childFlag(doc: SealedDocument | null): HTMLElement | null {
  if (doc?.facts.ageBand !== 'under_18') return null;
  return h(
    'p',
    { class: 'child-flag', role: 'note' },
    bi(
      'Menor de 18 años: necesita atención especial (protección de menores)',
      'Under 18: needs special attention (child protection)',
    ),
  );
}

export function factsList(doc: SealedDocument): HTMLElement {
  const f = doc.facts;
  return h(
    'dl',
    { class: 'summary' },
    ...row('Mes', 'Month', f.incidentMonth),
    ...row('Región', 'Region', label('region', f.region).es),
    ...row('Quién', 'Perpetrator', labels('perpetrators', f.perpetrators)),
    ...row('Qué pasó', 'Violence', labels('violence', f.violence)),
    ...row('Identidad', 'Identity', label('identity', f.identity).es),
    ...row('Edad', 'Age', label('ageBand', f.ageBand).es),
    ...row('Nacionalidad', 'Nationality', label('nationality', f.nationality).es),
    ...row('Quién lo llenó', 'Filled in by', label('channel', f.channel).es),
    ...row('Lugar (tipo)', 'Setting', label('setting', f.setting).es),
    ...row('Denunció', 'Reported', label('reportedToAuthority', f.reportedToAuthority).es),
    ...row('Fecha exacta', 'Exact date', doc.details.exactDate),
    ...row('Lugar', 'Place', doc.details.place),
    ...row('Agresor (detalles)', 'Perpetrator details', doc.details.perpetratorDetails),
  );
}

export function contactList(doc: SealedDocument): HTMLElement | null {
  const c = doc.contact;
  if (!c) return null;
  return h(
    'dl',
    { class: 'summary contact-details' },
    ...row('Contacto', 'Contact', `${label('contactMethod', c.method).es}: ${c.value}`),
    ...row('Horario seguro', 'Safe times', c.safeTimes),
    ...row('Necesita', 'Needs', c.needs?.length ? labels('needs', c.needs) : undefined),
  );
}

const KIND_LABELS = {
  note: ['Nota interna', 'Internal note'],
  reply_copy: ['Respuesta enviada', 'Reply sent'],
  addition: ['Agregado por la persona', 'Added by the reporter'],
  reply: ['Respuesta', 'Reply'],
} as const;

async function messages(item: InboxItem): Promise<HTMLElement> {
  const s = await loadSodium();
  const k = key();
  const opened = openEach(
    item.messages,
    (m) => openMessage(s, fromBase64(s, m.box), item.id, k.publicKey, k.secretKey).text,
  );
  return h(
    'div',
    {},
    ...opened.map(({ item: m, content: text }) => {
      const [es, en] = KIND_LABELS[m.kind];
      return h(
        'div',
        { class: text === null ? 'message unopened' : 'message' },
        h('strong', {}, bi(`${es} · ${m.day}`, en)),
        h('br'),
        text ?? h('em', {}, bi(...UNOPENED)),
      );
    }),
  );
}

function messageForm(
  id: string,
  title: [string, string],
  send: (text: string) => Promise<void>,
  /** Asked before sending, with a second button to send: for what cannot be taken back. */
  confirm?: [string, string],
): HTMLElement {
  const area = h('textarea', { id, rows: '3', maxlength: '4000' }) as HTMLTextAreaElement;
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, bi(...title));
  const form = h(
    'form',
    { novalidate: true },
    h('label', { class: 'field', for: id }, bi(...title)),
    area,
    h('div', { class: 'actions' }, button),
    status,
  );
  let confirmed = false;
  const cancel = h(
    'button',
    { type: 'button', class: 'secondary', hidden: true },
    bi('Cancelar', 'Cancel'),
  );
  const settle = (): void => {
    confirmed = false;
    cancel.hidden = true;
    button.replaceChildren(bi(...title));
  };
  cancel.addEventListener('click', () => {
    settle();
    status.textContent = '';
  });
  button.after(cancel);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = area.value.trim();
    if (!text) return;
    if (confirm && !confirmed) {
      confirmed = true;
      status.replaceChildren(bi(...confirm));
      button.replaceChildren(bi('Sí, enviar', 'Yes, send'));
      cancel.hidden = false;
      button.focus();
      return;
    }
    settle();
    try {
      await send(text);
      area.value = '';
      status.textContent = 'Guardado · Saved';
    } catch (err) {
      status.textContent = `Error: ${err instanceof Error ? err.message : String(err)}`;
    }
  });
  return form;
}

function documentParts(doc: SealedDocument): Array<HTMLElement | null> {
  return [
    childFlag(doc),
    factsList(doc),
    h('h3', {}, bi('Relato', 'Narrative')),
    h('p', { class: 'message narrative' }, doc.narrative ?? '—'),
    doc.contact
      ? h('h3', {}, bi('Contacto (pidió ayuda legal)', 'Contact (asked for legal aid)'))
      : null,
    contactList(doc),
  ];
}

/**
 * The full card. `reload` redraws it after a change. A report that could not be opened keeps
 * its status moves, notes and reply, so staff can still deal with it.
 */
export async function reportCard(item: InboxItem, reload: () => void): Promise<HTMLElement> {
  const s = await loadSodium();
  const [opened] = await openItems([item]);
  const doc = opened?.content ?? null;
  const seal = (text: string, to: Uint8Array): string =>
    toBase64(s, sealMessage(s, { v: 1, reportId: item.id, text }, to));
  const replyKey = item.replyPublicKey;
  return h(
    'article',
    { class: doc ? 'card report' : 'card report unopened', 'data-report': item.id },
    h(
      'h2',
      { tabindex: '-1' },
      bi(`Reporte del ${item.receivedDay}`, `Report of ${item.receivedDay}`),
    ),
    h('p', {}, bi('Estado:', 'Status:'), ' ', biLabel(TRIAGE_LABELS[item.status])),
    h('div', { class: 'actions' }, ...triageButtons(item, reload)),
    ...(doc ? documentParts(doc) : [unopenedNotice(item)]),
    h('h3', {}, bi('Mensajes', 'Messages')),
    await messages(item),
    messageForm(
      `note-${item.id}`,
      ['Nota interna (cifrada)', 'Internal note (encrypted)'],
      async (text) => {
        await api('POST', `/api/org/reports/${item.id}/notes`, {
          box: seal(text, key().publicKey),
        });
        reload();
      },
    ),
    replyKey
      ? messageForm(
          `reply-${item.id}`,
          ['Responder a la persona', 'Reply to the reporter'],
          async (text) => {
            await api('POST', `/api/org/reports/${item.id}/replies`, {
              box: seal(text, fromBase64(s, replyKey)),
              copy: seal(text, key().publicKey),
            });
            reload();
          },
          [
            '¿Enviar esta respuesta? La persona la leerá con su código de recibo; no se puede borrar.',
            'Send this reply? The person will read it with their receipt code; it cannot be deleted.',
          ],
        )
      : h(
          'p',
          { class: 'hint' },
          bi(
            'La persona no guardó un código: no se le puede responder.',
            'No receipt code: no reply possible.',
          ),
        ),
  );
}
