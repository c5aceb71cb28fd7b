// Legal-aid intake: the reports that asked for legal aid, their case status, and a printable
// intake sheet (what happened, by whom, when and where, what the person wants, how and when it
// is safe to contact them, and the consent they gave).
import { type CaseStatus, caseMoves } from '../../../src/case-status.ts';
import type { SealedDocument } from '../../../src/envelope.ts';
import type { InboxItem } from '../../../src/inbox-schemas.ts';
import { bi, h } from '../dom.ts';
import { CASE_LABELS, TRIAGE_LABELS } from '../status-labels.ts';
import { biLabel, labels } from './labels.ts';
import {
  childFlag,
  contactList,
  countLine,
  factsList,
  openItems,
  triageButtons,
  unopenedNotice,
} from './report-card.ts';
import { api } from './session.ts';

function sheet(item: InboxItem, doc: SealedDocument, redraw: () => void): HTMLElement {
  const moves = caseMoves(item.caseStatus).map((to: CaseStatus) => {
    const b = h('button', { type: 'button', class: 'secondary' }, biLabel(CASE_LABELS[to]));
    b.addEventListener('click', async () => {
      await api('PUT', `/api/org/reports/${item.id}/case-status`, { caseStatus: to });
      redraw();
    });
    return b;
  });
  const print = h('button', { type: 'button' }, bi('Imprimir ficha', 'Print intake sheet'));
  print.addEventListener('click', async () => {
    await api('POST', `/api/org/reports/${item.id}/intake-printed`);
    // Print this sheet alone, not the whole queue.
    document.body.classList.add('print-one');
    article.classList.add('to-print');
    window.print();
    document.body.classList.remove('print-one');
    article.classList.remove('to-print');
  });
  const article = h(
    'article',
    { class: 'card intake-sheet', 'data-report': item.id },
    h('h2', {}, bi(`Ficha de admisión · ${item.receivedDay}`, 'Intake sheet')),
    childFlag(doc),
    h('p', {}, bi('Estado del caso:', 'Case status:'), ' ', biLabel(CASE_LABELS[item.caseStatus])),
    h('div', { class: 'actions' }, ...moves, print),
    h('h3', {}, bi('Qué pasó', 'Incident summary')),
    h('p', { class: 'message narrative' }, doc.narrative ?? '—'),
    h(
      'p',
      {},
      bi('Tipo de agresor:', 'Perpetrator type:'),
      ` ${labels('perpetrators', doc.facts.perpetrators)}`,
    ),
    factsList(doc),
    h(
      'h3',
      {},
      bi(
        'Qué quiere la persona y cómo contactarla',
        'What the person wants and how to contact them',
      ),
    ),
    contactList(doc),
    h(
      'p',
      {},
      bi(
        'Consentimiento: la persona pidió ayuda legal y aceptó que esta organización la contacte por este medio.',
        'Consent: the person asked for legal aid and agreed to be contacted by this organisation this way.',
      ),
    ),
    h(
      'p',
      { class: 'print-only hint' },
      'Confidencial. Datos de una persona real: guárdese bajo llave y destrúyase cuando no se necesite.',
    ),
  );
  return article;
}

/**
 * Stands in for a request whose box could not be opened: there is no one to contact and nothing
 * to print, so it offers the triage moves instead (to mark it not valid). Kept in the queue, and
 * hidden when another sheet is printed.
 */
function unopenedSheet(item: InboxItem, redraw: () => void): HTMLElement {
  return h(
    'article',
    { class: 'card intake-sheet unopened', 'data-report': item.id },
    h('h2', {}, bi(`Ficha de admisión · ${item.receivedDay}`, 'Intake sheet')),
    h('p', {}, bi('Estado del caso:', 'Case status:'), ' ', biLabel(CASE_LABELS[item.caseStatus])),
    h('p', {}, bi('Estado:', 'Status:'), ' ', biLabel(TRIAGE_LABELS[item.status])),
    h('div', { class: 'actions' }, ...triageButtons(item, redraw)),
    unopenedNotice(item),
  );
}

export async function showIntake(view: HTMLElement): Promise<void> {
  const { reports } = await api<{ reports: InboxItem[] }>('GET', '/api/org/intake');
  const redraw = (): void => void showIntake(view);
  const opened = await openItems(reports);
  view.replaceChildren(
    h('h1', { tabindex: '-1' }, bi('Admisión legal', 'Legal-aid intake')),
    h('p', { role: 'status' }, countLine(opened, 'caso(s)', 'case(s)')),
    ...opened.map((o) =>
      o.content ? sheet(o.item, o.content, redraw) : unopenedSheet(o.item, redraw),
    ),
  );
}
