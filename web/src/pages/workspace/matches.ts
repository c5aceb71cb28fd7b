// Reports that name the same phone, plate, profile or badge as another (issue 17), as the server
// gives them: this organisation's by id, others' only counted.
import type { InboxItem } from '../../../../src/contract/inbox-schemas.ts';
import { h } from '../../lib/dom.ts';
import { fill, inLang, type Lang } from '../../lib/i18n.ts';
import { tx } from '../../lib/live-lang.ts';
import { REPORT_TEXT as R } from './report-text.ts';

/** "mismo teléfono, misma placa": what a report shares with those it matches. */
export function matchKinds(matches: InboxItem['matches']): (l: Lang) => string {
  return (l) => matches.kinds.map((k) => inLang(R[`matchKind_${k}`], l)).join(', ');
}

/**
 * The reports that name the same phone, plate, profile or badge: this organisation's, each
 * a button that opens it; others' only counted, as the server gives nothing more.
 */
export function matchesPart(item: InboxItem, open?: (id: string) => void): HTMLElement | null {
  const m = item.matches;
  if (m.here.length === 0 && m.elsewhere === 0) return null;
  const kinds = matchKinds(m);
  const links = m.here.map((id) => {
    const button = tx((l) => fill(inLang(R.matchOpen, l), { id: id.slice(0, 8) }), 'button', {
      type: 'button',
      class: 'secondary',
    });
    if (open) button.addEventListener('click', () => open(id));
    return h('li', {}, button);
  });
  return h(
    'section',
    { class: 'matches' },
    tx(R.matchesTitle, 'h3'),
    m.here.length
      ? tx((l) => fill(inLang(R.matchesHere, l), { n: m.here.length, kinds: kinds(l) }), 'p')
      : null,
    m.here.length ? h('ul', { class: 'match-links' }, ...links) : null,
    m.elsewhere
      ? tx((l) => fill(inLang(R.matchesElsewhere, l), { n: m.elsewhere }), 'p', { class: 'hint' })
      : null,
  );
}
