// Legal-aid intake: the reports that asked for legal aid, their case status, and a printable
// intake sheet (what happened, by whom, when and where, what the person wants, how and when it
// is safe to contact them, and the consent they gave).

import type { SealedDocument } from '../../../../src/contract/envelope.ts';
import { type InboxItem, InboxListSchema } from '../../../../src/contract/inbox-schemas.ts';
import { type CaseStatus, caseMoves } from '../../../../src/shared/case-status.ts';
import { NO_CONTENT } from '../../lib/api-client.ts';
import { h } from '../../lib/dom.ts';
import { fill, formatDay, inLang } from '../../lib/i18n.ts';
import { tx, words } from '../../lib/live-lang.ts';
import { CASE_LABELS, TRIAGE_LABELS } from '../../lib/status-labels.ts';
import { labels } from '../../lib/vocab-lists.ts';
import {
  childFlag,
  contactList,
  countLine,
  factsList,
  openItems,
  triageButtons,
  unopenedNotice,
} from './report-card.ts';
import { REPORT_TEXT as R } from './report-text.ts';
import { staffApi } from './session.ts';
import { WORKSPACE_TEXT } from './text.ts';

const sheetTitle = (item: InboxItem): HTMLElement =>
  tx((l) => fill(inLang(R.sheetOf, l), { day: formatDay(item.receivedDay, l) }), 'h2');

function sheet(item: InboxItem, doc: SealedDocument, redraw: () => void): HTMLElement {
  const moves = caseMoves(item.caseStatus).map((to: CaseStatus) => {
    const b = tx(CASE_LABELS[to], 'button', { type: 'button', class: 'secondary' });
    b.addEventListener('click', async () => {
      await staffApi('PUT', `/api/org/reports/${item.id}/case-status`, NO_CONTENT, {
        caseStatus: to,
      });
      redraw();
    });
    return b;
  });
  const print = tx(R.print, 'button', { type: 'button' });
  print.addEventListener('click', async () => {
    await staffApi('POST', `/api/org/reports/${item.id}/intake-printed`, NO_CONTENT);
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
    sheetTitle(item),
    childFlag(doc),
    h('p', {}, tx(R.caseStatus), ' ', tx(CASE_LABELS[item.caseStatus])),
    h('div', { class: 'actions' }, ...moves, print),
    tx(R.incident, 'h3'),
    h('p', { class: 'message narrative' }, doc.narrative ?? '—'),
    tx(
      (l) =>
        `${inLang(R.perpetratorType, l)} ${words(labels('perpetrators', doc.facts.perpetrators), l)}`,
      'p',
    ),
    factsList(doc),
    tx(R.wantsAndContact, 'h3'),
    contactList(doc),
    tx(R.consent, 'p'),
    tx(R.printConfidential, 'p', { class: 'print-only hint' }),
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
    sheetTitle(item),
    h('p', {}, tx(R.caseStatus), ' ', tx(CASE_LABELS[item.caseStatus])),
    h('p', {}, tx(R.statusColon), ' ', tx(TRIAGE_LABELS[item.status])),
    h('div', { class: 'actions' }, ...triageButtons(item, redraw)),
    unopenedNotice(item),
  );
}

// Printed, every page of a sheet says which report it is and which page: two sheets from one day
// must not be mixed up, and a second page must not be anonymous. Each sheet prints on a named
// page whose margin boxes (@page, Chromium 131+) carry its report number and the page count.
// The rules live in a constructed stylesheet: the CSP allows no inline style, but the CSSOM.
const printHeads = new CSSStyleSheet();

function printHeadRules(ids: readonly string[]): string {
  const quoted = (text: string): string => `"${text.replace(/[\\"\n\r]/g, '')}"`;
  return ids
    .map(
      (id, i) => `.intake-sheet[data-report=${quoted(id)}] { page: intake-${i}; }
@page intake-${i} {
  margin: 20mm 15mm;
  @top-left { content: ${quoted(`Ficha de admisión · Reporte ${id}`)}; font: 9pt sans-serif; }
  @top-right {
    content: "Página " counter(page) " de " counter(pages);
    font: 9pt sans-serif;
    white-space: nowrap;
  }
}`,
    )
    .join('\n');
}

function setPrintHeads(ids: readonly string[]): void {
  printHeads.replaceSync(printHeadRules(ids));
  if (!document.adoptedStyleSheets.includes(printHeads)) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, printHeads];
  }
}

export async function showIntake(view: HTMLElement): Promise<void> {
  const { reports } = await staffApi('GET', '/api/org/intake', InboxListSchema);
  const redraw = (): void => void showIntake(view);
  const opened = await openItems(reports);
  setPrintHeads(opened.map((o) => o.item.id));
  view.replaceChildren(
    tx(WORKSPACE_TEXT.tabIntake, 'h1', { tabindex: '-1' }),
    tx(countLine(opened, R.casesCount), 'p', { role: 'status' }),
    ...opened.map((o) =>
      o.content ? sheet(o.item, o.content, redraw) : unopenedSheet(o.item, redraw),
    ),
  );
}
