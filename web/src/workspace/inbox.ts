// The inbox: the organisation's reports, newest first, opened in the browser, with filters
// that the server applies (status, region, perpetrator type).
import { TRIAGE_STATUSES } from '../../../src/case-status.ts';
import type { InboxItem } from '../../../src/inbox-schemas.ts';
import { PERPETRATORS, REGIONS } from '../../../src/vocabulary.ts';
import { bi, h } from '../dom.ts';
import { TRIAGE_LABELS } from '../status-labels.ts';
import { biLabel, label, labels } from './labels.ts';
import {
  childFlag,
  countLine,
  type OpenedItem,
  openItems,
  reportCard,
  UNOPENED,
} from './report-card.ts';
import { api } from './session.ts';

const filters = { status: '', region: '', perpetrator: '' };

function select(
  name: keyof typeof filters,
  es: string,
  en: string,
  options: ReadonlyArray<readonly [string, string]>,
  onChange: () => void,
): HTMLElement {
  const id = `filter-${name}`;
  const el = h(
    'select',
    { id, name },
    h('option', { value: '' }, 'Todos · All'),
    ...options.map(([value, text]) =>
      h('option', { value, selected: filters[name] === value }, text),
    ),
  ) as HTMLSelectElement;
  el.addEventListener('change', () => {
    filters[name] = el.value;
    onChange();
  });
  return h('div', { class: 'field' }, h('label', { for: id }, bi(es, en)), el);
}

function summary({ item, content: doc }: OpenedItem, open: () => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary' }, bi('Abrir', 'Open'));
  button.addEventListener('click', open);
  return h(
    'li',
    { class: doc ? 'card' : 'card unopened', 'data-report': item.id },
    childFlag(doc),
    h('p', {}, h('strong', {}, item.receivedDay), ' — ', biLabel(TRIAGE_LABELS[item.status])),
    doc
      ? h(
          'p',
          {},
          `${label('region', doc.facts.region).es} · ${labels('perpetrators', doc.facts.perpetrators)} · ${labels('violence', doc.facts.violence)}`,
        )
      : h(
          'p',
          {},
          h('strong', {}, bi(...UNOPENED)),
          h('br'),
          h('span', { class: 'report-id' }, item.id),
        ),
    button,
  );
}

export async function showInbox(view: HTMLElement): Promise<void> {
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
  const { reports } = await api<{ reports: InboxItem[] }>(
    'GET',
    `/api/org/reports${query ? `?${query}` : ''}`,
  );
  const redraw = (): void => void showInbox(view);
  const openOne = async (id: string): Promise<void> => {
    const item = await api<InboxItem>('GET', `/api/org/reports/${id}`);
    const back = h(
      'button',
      { type: 'button', class: 'secondary' },
      bi('Volver a la bandeja', 'Back to inbox'),
    );
    back.addEventListener('click', redraw);
    const card = await reportCard(item, () => void openOne(id));
    const title = h('h1', { tabindex: '-1' }, bi('Reporte', 'Report'));
    view.replaceChildren(title, h('div', { class: 'actions' }, back), card);
    title.focus();
  };
  const opened = await openItems(reports);
  const items = opened.map((o) => summary(o, () => void openOne(o.item.id)));
  view.replaceChildren(
    h('h1', { tabindex: '-1' }, bi('Bandeja', 'Inbox')),
    h(
      'div',
      { class: 'filters' },
      select(
        'status',
        'Estado',
        'Status',
        TRIAGE_STATUSES.map((c) => [c, TRIAGE_LABELS[c].es]),
        redraw,
      ),
      select(
        'region',
        'Región',
        'Region',
        REGIONS.map(([c, l]) => [c, l.es]),
        redraw,
      ),
      select(
        'perpetrator',
        'Quién',
        'Perpetrator',
        PERPETRATORS.map(([c, l]) => [c, l.es]),
        redraw,
      ),
    ),
    h('p', { role: 'status' }, countLine(opened, 'reporte(s)', 'report(s)')),
    h('ul', { class: 'reports' }, ...items),
  );
}
