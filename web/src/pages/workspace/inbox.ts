// The inbox: the organisation's reports, newest first, opened in the browser, with filters
// that the server applies (status, region, perpetrator type).

import {
  type InboxItem,
  InboxItemSchema,
  InboxListSchema,
} from '../../../../src/contract/inbox-schemas.ts';
import { TRIAGE_STATUSES } from '../../../../src/shared/case-status.ts';
import { PERPETRATORS, REGIONS } from '../../../../src/shared/vocabulary.ts';
import { h } from '../../lib/dom.ts';
import { fill, formatDay, inLang, type Said } from '../../lib/i18n.ts';
import { tx, words } from '../../lib/live-lang.ts';
import { TRIAGE_LABELS } from '../../lib/status-labels.ts';
import { label, labels } from '../../lib/vocab-lists.ts';
import { matchKinds } from './matches.ts';
import { childFlag, countLine, type OpenedItem, openItems, reportCard } from './report-card.ts';
import { REPORT_TEXT as R } from './report-text.ts';
import { staffApi } from './session.ts';
import { WORKSPACE_TEXT } from './text.ts';

const filters = { status: '', region: '', perpetrator: '' };

function select(
  name: keyof typeof filters,
  title: Said,
  options: ReadonlyArray<readonly [string, Said]>,
  onChange: () => void,
): HTMLElement {
  const id = `filter-${name}`;
  const el = h(
    'select',
    { id, name },
    tx(R.all, 'option', { value: '' }),
    ...options.map(([value, text]) =>
      tx(text, 'option', { value, selected: filters[name] === value }),
    ),
  ) as HTMLSelectElement;
  el.addEventListener('change', () => {
    filters[name] = el.value;
    onChange();
  });
  return h('div', { class: 'field' }, tx(title, 'label', { for: id }), el);
}

function matchLine(item: InboxItem): HTMLElement | null {
  const n = item.matches.here.length + item.matches.elsewhere;
  if (n === 0) return null;
  const kinds = matchKinds(item.matches);
  return tx((l) => fill(inLang(R.matchesCount, l), { n, kinds: kinds(l) }), 'p', {
    class: 'match-line',
  });
}

function summary({ item, content: doc }: OpenedItem, open: () => void): HTMLElement {
  const button = tx(R.open, 'button', { type: 'button', class: 'secondary' });
  button.addEventListener('click', open);
  return h(
    'li',
    { class: doc ? 'card' : 'card unopened', 'data-report': item.id },
    childFlag(doc),
    h(
      'p',
      {},
      tx((l) => formatDay(item.receivedDay, l), 'strong'),
      ' — ',
      tx(TRIAGE_LABELS[item.status]),
    ),
    doc
      ? tx(
          (l) =>
            `${inLang(label('region', doc.facts.region), l)} · ${words(labels('perpetrators', doc.facts.perpetrators), l)} · ${words(labels('violence', doc.facts.violence), l)}`,
          'p',
        )
      : h('p', {}, tx(R.unopened, 'strong'), h('br'), h('span', { class: 'report-id' }, item.id)),
    matchLine(item),
    button,
  );
}

export async function showInbox(view: HTMLElement): Promise<void> {
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
  const { reports } = await staffApi(
    'GET',
    `/api/org/reports${query ? `?${query}` : ''}`,
    InboxListSchema,
  );
  const redraw = (): void => void showInbox(view);
  const openOne = async (id: string): Promise<void> => {
    const item = await staffApi('GET', `/api/org/reports/${id}`, InboxItemSchema);
    const back = tx(R.backToInbox, 'button', { type: 'button', class: 'secondary' });
    back.addEventListener('click', redraw);
    const card = await reportCard(
      item,
      () => void openOne(id),
      (other) => void openOne(other),
    );
    const title = tx(R.report, 'h1', { tabindex: '-1' });
    view.replaceChildren(title, h('div', { class: 'actions' }, back), card);
    title.focus();
  };
  const opened = await openItems(reports);
  const items = opened.map((o) => summary(o, () => void openOne(o.item.id)));
  view.replaceChildren(
    tx(WORKSPACE_TEXT.tabInbox, 'h1', { tabindex: '-1' }),
    h(
      'div',
      { class: 'filters' },
      select(
        'status',
        R.status,
        TRIAGE_STATUSES.map((c) => [c, TRIAGE_LABELS[c]]),
        redraw,
      ),
      select('region', R.region, REGIONS, redraw),
      select('perpetrator', R.who, PERPETRATORS, redraw),
    ),
    tx(countLine(opened, R.reportsCount), 'p', { role: 'status' }),
    h('ul', { class: 'reports' }, ...items),
  );
}
