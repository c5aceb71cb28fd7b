// One report, opened in the browser: facts, narrative, sealed details, contact (legal-aid boxes
// only), status moves, notes, and a reply to the reporter when they kept a receipt code.

import { type TriageStatus, triageMoves } from '../../../src/case-status.ts';
import { fromBase64, loadSodium, openBox, toBase64 } from '../../../src/crypto.ts';
import type { SealedDocument } from '../../../src/envelope.ts';
import type { InboxItem } from '../../../src/inbox-schemas.ts';
import { openMessage, sealMessage } from '../../../src/message-box.ts';
import { bi, h } from '../dom.ts';
import { TRIAGE_LABELS } from '../status-labels.ts';
import { biLabel, label, labels } from './labels.ts';
import { api, key } from './session.ts';

export async function openDocument(item: InboxItem): Promise<SealedDocument> {
  const s = await loadSodium();
  const k = key();
  return openBox(s, fromBase64(s, item.box), k.publicKey, k.secretKey);
}

function row(es: string, en: string, value: string | Node | undefined): Node[] {
  if (value === undefined || value === '') return [];
  return [h('dt', {}, bi(es, en)), h('dd', {}, value)];
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
  return h(
    'div',
    {},
    ...item.messages.map((m) => {
      let text: string;
      try {
        text = openMessage(s, fromBase64(s, m.box), item.id, k.publicKey, k.secretKey).text;
      } catch {
        text = '(no se pudo abrir · could not be opened)';
      }
      const [es, en] = KIND_LABELS[m.kind];
      return h(
        'div',
        { class: 'message' },
        h('strong', {}, bi(`${es} · ${m.day}`, en)),
        h('br'),
        text,
      );
    }),
  );
}

function messageForm(
  id: string,
  title: [string, string],
  send: (text: string) => Promise<void>,
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
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = area.value.trim();
    if (!text) return;
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

/** The full card. `reload` redraws it after a change. */
export async function reportCard(item: InboxItem, reload: () => void): Promise<HTMLElement> {
  const s = await loadSodium();
  const doc = await openDocument(item);
  const seal = (text: string, to: Uint8Array): string =>
    toBase64(s, sealMessage(s, { v: 1, reportId: item.id, text }, to));
  const moves = triageMoves(item.status).map((to: TriageStatus) => {
    const b = h('button', { type: 'button', class: 'secondary' }, biLabel(TRIAGE_LABELS[to]));
    b.addEventListener('click', async () => {
      await api('PUT', `/api/org/reports/${item.id}/status`, { status: to });
      reload();
    });
    return b;
  });
  const replyKey = item.replyPublicKey;
  return h(
    'article',
    { class: 'card report', 'data-report': item.id },
    h(
      'h2',
      { tabindex: '-1' },
      bi(`Reporte del ${item.receivedDay}`, `Report of ${item.receivedDay}`),
    ),
    h('p', {}, bi('Estado:', 'Status:'), ' ', biLabel(TRIAGE_LABELS[item.status])),
    h('div', { class: 'actions' }, ...moves),
    factsList(doc),
    h('h3', {}, bi('Relato', 'Narrative')),
    h('p', { class: 'message narrative' }, doc.narrative ?? '—'),
    doc.contact
      ? h('h3', {}, bi('Contacto (pidió ayuda legal)', 'Contact (asked for legal aid)'))
      : null,
    contactList(doc),
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
