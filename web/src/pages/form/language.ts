// The form's words in the chosen language: every node the page writer marked (data-t for a
// message, data-v for a choice, data-month for a month), the language button, and the summary
// the person checks before sending.
import type { ReportDraft } from '../../../../src/contract/envelope.ts';
import { $ } from '../../lib/dom.ts';
import {
  inLang,
  type Lang,
  monthNames,
  showNextLanguage,
  TEXT,
  type TextKey,
} from '../../lib/i18n.ts';
import { label, labels, type VocabList } from '../../lib/vocab-lists.ts';

export function translateForm(lang: Lang): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const key = el.dataset.t as TextKey;
    if (key in TEXT) el.textContent = inLang(TEXT[key], lang);
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-v]')) {
    const [list, code] = (el.dataset.v ?? '').split(':') as [VocabList, string];
    el.textContent = inLang(label(list, code), lang);
  }
  for (const el of document.querySelectorAll<HTMLOptionElement>('option[data-month]')) {
    el.textContent = monthNames(lang)[Number(el.dataset.month)] ?? '';
  }
  showNextLanguage($<HTMLButtonElement>('#switch-lang'), lang);
  $<HTMLElement>('nav.nav').setAttribute('aria-label', inLang(TEXT.steps, lang));
}

export function renderSummary(d: ReportDraft, lang: Lang): void {
  const [year, month] = d.facts.incidentMonth.split('-');
  const rows: Array<[TextKey, string]> = [
    ['monthQ', `${monthNames(lang)[Number(month) - 1] ?? ''} ${year ?? ''}`],
    ['regionQ', inLang(label('region', d.facts.region), lang)],
    ['perpetratorQ', labels('perpetrators', d.facts.perpetrators)(lang)],
    ['violenceQ', labels('violence', d.facts.violence)(lang)],
    ['legalQ', inLang(TEXT[d.legalAid ? 'legalYes' : 'legalNo'], lang)],
  ];
  $<HTMLDListElement>('.summary').replaceChildren(
    ...rows.flatMap(([key, text]) => {
      const dt = document.createElement('dt');
      dt.textContent = inLang(TEXT[key], lang);
      const dd = document.createElement('dd');
      dd.textContent = text;
      return [dt, dd];
    }),
  );
}
