// One report, opened in the browser: facts, narrative, sealed details, contact (legal-aid boxes
// only), status moves, notes, and a reply to the reporter when they kept a receipt code.

import type { Identifiers, SealedDocument } from '../../../../src/contract/envelope.ts';
import { CreatedSchema, type InboxItem } from '../../../../src/contract/inbox-schemas.ts';
import { openMessage, sealMessage } from '../../../../src/crypto/message-box.ts';
import { fromBase64, loadSodium, openBox, toBase64 } from '../../../../src/crypto/sodium.ts';
import { type Opened, openEach } from '../../../../src/reports/open-each.ts';
import { type TriageStatus, triageMoves } from '../../../../src/shared/case-status.ts';
import { NO_CONTENT } from '../../lib/api-client.ts';
import { h } from '../../lib/dom.ts';
import { fill, formatDay, formatMonth, inLang, type Said } from '../../lib/i18n.ts';
import { say, tx, unsay, type Words } from '../../lib/live-lang.ts';
import { TRIAGE_LABELS } from '../../lib/status-labels.ts';
import { label, labels } from '../../lib/vocab-lists.ts';
import { matchesPart } from './matches.ts';
import { REPORT_TEXT as R } from './report-text.ts';
import { failureWords, key, staffApi } from './session.ts';

export type OpenedItem = Opened<InboxItem, SealedDocument>;

/** Opens each box with the unlocked key; a box that holds no report comes back as content null. */
export async function openItems(items: readonly InboxItem[]): Promise<OpenedItem[]> {
  const s = await loadSodium();
  const k = key();
  return openEach(items, (item) => openBox(s, fromBase64(s, item.box), k.publicKey, k.secretKey));
}

/** Counts for a list's status line, saying how many could not be opened when some could not. */
export function countLine(opened: readonly OpenedItem[], count: Said): Words {
  const bad = opened.filter((o) => o.content === null).length;
  return (l) => {
    const total = fill(inLang(count, l), { n: opened.length });
    return bad ? `${total}. ${fill(inLang(R.unopenedCount, l), { n: bad })}` : total;
  };
}

// From "new" the server allows only "in review", and "not valid" only from there.
function setAsideHint(status: TriageStatus): HTMLElement | null {
  if (status === 'spam') return null;
  return tx(status === 'new' ? R.setAsideFromNew : R.setAside, 'p');
}

/** What stands in for a report that could not be opened: only what is known without its box. */
export function unopenedNotice(item: InboxItem): HTMLElement {
  return h(
    'div',
    { class: 'callout' },
    h('p', {}, tx(R.unopened, 'strong')),
    tx(R.unopenedBody, 'p'),
    setAsideHint(item.status),
    h(
      'dl',
      { class: 'summary' },
      ...row(R.reportId, h('span', { class: 'report-id' }, item.id)),
      ...row(R.received, (l) => formatDay(item.receivedDay, l)),
    ),
  );
}

/** The triage moves the server allows from this report's status. */
export function triageButtons(item: InboxItem, reload: () => void): HTMLElement[] {
  return triageMoves(item.status).map((to: TriageStatus) => {
    const b = tx(TRIAGE_LABELS[to], 'button', { type: 'button', class: 'secondary' });
    b.addEventListener('click', async () => {
      await staffApi('PUT', `/api/org/reports/${item.id}/status`, NO_CONTENT, { status: to });
      reload();
    });
    return b;
  });
}

/** A term and its value: what the person wrote (a string, shown as is) or words to translate. */
function row(term: Said, value: string | Node | Words | undefined): Node[] {
  if (value === undefined || value === '') return [];
  const dd =
    typeof value === 'string' || value instanceof Node ? h('dd', {}, value) : tx(value, 'dd');
  return [tx(term, 'dt'), dd];
}

/**
 * The person said they are under 18, and the form told them the organisation would see that
 * the report needs special attention: so it is shown first, where it cannot be missed.
 */
export function childFlag(doc: SealedDocument | null): HTMLElement | null {
  if (doc?.facts.ageBand !== 'under_18') return null;
  return tx(R.childFlag, 'p', { class: 'child-flag', role: 'note' });
}

/** The exact day the person gave, as a date when it is one, else as they wrote it. */
function exactDate(value: string | undefined): string | Words | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return (l) => formatDay(value, l);
}

export function factsList(doc: SealedDocument): HTMLElement {
  const f = doc.facts;
  return h(
    'dl',
    { class: 'summary' },
    ...row(R.month, (l) => formatMonth(f.incidentMonth, l)),
    ...row(R.region, label('region', f.region)),
    ...row(R.who, labels('perpetrators', f.perpetrators)),
    ...row(R.violence, labels('violence', f.violence)),
    ...row(R.identity, label('identity', f.identity)),
    ...row(R.age, label('ageBand', f.ageBand)),
    ...row(R.nationality, label('nationality', f.nationality)),
    ...row(R.channel, label('channel', f.channel)),
    ...row(R.setting, label('setting', f.setting)),
    ...row(R.reported, label('reportedToAuthority', f.reportedToAuthority)),
    ...row(R.exactDate, exactDate(doc.details.exactDate)),
    ...row(R.place, doc.details.place),
    ...row(R.perpetratorDetails, doc.details.perpetratorDetails),
    ...identifierRows(doc.details.identifiers),
  );
}

function identifierRows(ids: Identifiers | undefined): Node[] {
  if (!ids) return [];
  const social = ids.social && (ids.socialSite ? `${ids.socialSite}: ${ids.social}` : ids.social);
  return [
    ...row(R.idPhone, ids.phone),
    ...row(R.idPlate, ids.plate),
    ...row(R.idSocial, social),
    ...row(R.idBadge, ids.badge),
    ...row(R.idUnit, ids.unit),
  ];
}

export function contactList(doc: SealedDocument): HTMLElement | null {
  const c = doc.contact;
  if (!c) return null;
  return h(
    'dl',
    { class: 'summary contact-details' },
    ...row(R.contact, (l) => `${inLang(label('contactMethod', c.method), l)}: ${c.value}`),
    ...row(R.safeTimes, c.safeTimes),
    ...row(R.needs, c.needs?.length ? labels('needs', c.needs) : undefined),
  );
}

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
      const kind = R[m.kind];
      return h(
        'div',
        { class: text === null ? 'message unopened' : 'message' },
        tx((l) => `${inLang(kind, l)} · ${formatDay(m.day, l)}`, 'strong'),
        h('br'),
        text ?? tx(R.unopened, 'em'),
      );
    }),
  );
}

function messageForm(
  id: string,
  title: Said,
  send: (text: string) => Promise<void>,
  /** Asked before sending, with a second button to send: for what cannot be taken back. */
  confirm?: Said,
): HTMLElement {
  const area = h('textarea', { id, rows: '3', maxlength: '4000' }) as HTMLTextAreaElement;
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const button = tx(title, 'button', { type: 'submit' });
  const form = h(
    'form',
    { novalidate: true },
    tx(title, 'label', { class: 'field', for: id }),
    area,
    h('div', { class: 'actions' }, button),
    status,
  );
  let confirmed = false;
  const cancel = tx(R.cancel, 'button', { type: 'button', class: 'secondary', hidden: true });
  const settle = (): void => {
    confirmed = false;
    cancel.hidden = true;
    say(button, title);
  };
  cancel.addEventListener('click', () => {
    settle();
    unsay(status);
  });
  button.after(cancel);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = area.value.trim();
    if (!text) return;
    if (confirm && !confirmed) {
      confirmed = true;
      say(status, confirm);
      say(button, R.yesSend);
      cancel.hidden = false;
      button.focus();
      return;
    }
    settle();
    try {
      await send(text);
      area.value = '';
      say(status, R.saved);
    } catch (err) {
      say(status, failureWords(err));
    }
  });
  return form;
}

function documentParts(doc: SealedDocument): Array<HTMLElement | null> {
  return [
    childFlag(doc),
    factsList(doc),
    tx(R.narrative, 'h3'),
    h('p', { class: 'message narrative' }, doc.narrative ?? '—'),
    doc.contact ? tx(R.contactTitle, 'h3') : null,
    contactList(doc),
  ];
}

/**
 * The full card. `reload` redraws it after a change. A report that could not be opened keeps
 * its status moves, notes and reply, so staff can still deal with it.
 */
export async function reportCard(
  item: InboxItem,
  reload: () => void,
  /** Opens another report of the organisation (a match). */
  open?: (id: string) => void,
): Promise<HTMLElement> {
  const s = await loadSodium();
  const [opened] = await openItems([item]);
  const doc = opened?.content ?? null;
  const seal = (text: string, to: Uint8Array): string =>
    toBase64(s, sealMessage(s, { v: 1, reportId: item.id, text }, to));
  const replyKey = item.replyPublicKey;
  return h(
    'article',
    { class: doc ? 'card report' : 'card report unopened', 'data-report': item.id },
    tx((l) => fill(inLang(R.reportOf, l), { day: formatDay(item.receivedDay, l) }), 'h2', {
      tabindex: '-1',
    }),
    h('p', {}, tx(R.statusColon), ' ', tx(TRIAGE_LABELS[item.status])),
    h('div', { class: 'actions' }, ...triageButtons(item, reload)),
    ...(doc ? documentParts(doc) : [unopenedNotice(item)]),
    matchesPart(item, open),
    tx(R.messages, 'h3'),
    await messages(item),
    messageForm(`note-${item.id}`, R.noteForm, async (text) => {
      await staffApi('POST', `/api/org/reports/${item.id}/notes`, CreatedSchema, {
        box: seal(text, key().publicKey),
      });
      reload();
    }),
    replyKey
      ? messageForm(
          `reply-${item.id}`,
          R.replyForm,
          async (text) => {
            await staffApi('POST', `/api/org/reports/${item.id}/replies`, CreatedSchema, {
              box: seal(text, fromBase64(s, replyKey)),
              copy: seal(text, key().publicKey),
            });
            reload();
          },
          R.replyConfirm,
        )
      : tx(R.noReceipt, 'p', { class: 'hint' }),
  );
}
