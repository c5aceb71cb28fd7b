// A release's permanent page: a title page, each table as a chart and a data table, and the
// method note; downloads and a print button. Print CSS turns it into a report to hand over.

import type { Release } from '../../../../src/contract/releases.ts';
import { METHOD_TEXT_ES } from '../../../../src/statistics/release-texts.ts';
import { ApiFailure, api } from '../../lib/api-client.ts';
import { $ } from '../../lib/dom.ts';
import { DEFAULT_LANG, formatDay, inLang, nextLang, pairs } from '../../lib/i18n.ts';
import { release as releaseWords } from '../../lib/messages/catalogues.ts';
import { codeLabel, dimensionLabel, type Lang } from '../stats/labels.ts';
import { applyLanguage, renderChart } from '../stats/render.ts';
import { RELEASE } from '../stats/replies.ts';
import { renderDataTable } from '../stats/table.ts';

const WORDS = /* @__PURE__ */ pairs(releaseWords);

let lang: Lang = DEFAULT_LANG;
let release: Release | null = null;

function node<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = node('a', text);
  a.href = href;
  return a;
}

/** The method texts in the page's language (the stored release keeps them in English). */
function said(text: string): string {
  return lang === 'en' ? text : (METHOD_TEXT_ES[text] ?? text);
}

function tableTitle(by: readonly string[]): string {
  return by.map((d) => dimensionLabel(d, lang)).join(' × ');
}

function draw(r: Release): void {
  const w = (key: keyof typeof WORDS): string => inLang(WORDS[key], lang);
  const article = $<HTMLElement>('#release');
  const cover = node('header', undefined, 'title-page');
  cover.append(node('p', 'Voz Segura', 'kicker'), node('h1', r.title));
  cover.append(
    node(
      'p',
      `${w('publishedBy')} ${r.organisation.name} ${w('on')} ${formatDay(r.publishedDay, lang)}`,
    ),
  );
  if (r.method.synthetic) cover.append(node('p', w('synthetic'), 'callout'));
  if (r.corrects) {
    const p = node('p', `${w('corrects')} `, 'callout');
    p.append(link(`/publicaciones/${r.corrects}`, r.corrects));
    cover.append(p);
  }
  if (r.correctedBy.length) {
    const p = node('p', `${w('correctedBy')} `, 'callout');
    r.correctedBy.forEach((id, i) => {
      p.append(i ? ', ' : '', link(`/publicaciones/${id}`, id));
    });
    cover.append(p);
  }
  const address = `${location.origin}/publicaciones/${r.id}`;
  const cite = node(
    'p',
    `${w('cite')}: ${r.organisation.name} (${r.publishedDay.slice(0, 4)}). ${r.title}. Voz Segura, ${address}`,
    'cite',
  );
  const actions = node('p', undefined, 'actions');
  actions.append(
    `${w('download')}: `,
    link(`/api/releases/${r.id}/csv`, 'CSV'),
    ' · ',
    link(`/api/releases/${r.id}`, 'JSON'),
    ' ',
  );
  const print = node('button', w('print'), 'secondary');
  print.type = 'button';
  print.addEventListener('click', () => window.print());
  actions.append(print);
  cover.append(cite, actions);

  const sections = r.tables.map((table, i) => {
    const section = node('section', undefined, 'chart');
    const title = `${w('table')} ${i + 1}: ${tableTitle(table.by)}`;
    section.append(node('h2', title));
    const figure = node('div', undefined, 'figure');
    const tableBox = node('div', undefined, 'table');
    if (table.by.length === 1) renderChart(figure, tableBox, table, lang, title);
    else renderDataTable(tableBox, table, lang, title);
    section.append(figure, tableBox);
    return section;
  });

  const method = node('section', undefined, 'method-note');
  method.append(node('h2', w('method')));
  const dl = node('dl');
  const filters = Object.entries(r.method.filters)
    .map(([k, v]) => `${dimensionLabel(k, lang)}: ${codeLabel(k, v, lang)}`)
    .join('; ');
  const noise = r.method.noise;
  const period = r.method.period;
  const rows: Array<[string, string]> = [
    [w('snapshot'), formatDay(r.snapshot.through, lang)],
    [
      w('period'),
      period.from || period.to ? `${period.from ?? '…'} – ${period.to ?? '…'}` : w('none'),
    ],
    [w('filters'), filters || w('none')],
    [w('noise'), w('noiseWords')],
    [
      w('privacy'),
      `${said(noise.mechanism)}; ρ = ${noise.rhoPerReport} (zCDP) ${w('perReport')}; ${w('range')} ${Math.round(noise.intervalLevel * 100)} %`,
    ],
  ];
  for (const [term, value] of rows) dl.append(node('dt', term), node('dd', value));
  method.append(dl, node('h3', w('rules')));
  const rules = node('ul');
  for (const rule of r.method.countingRules) rules.append(node('li', said(rule)));
  method.append(rules);
  article.replaceChildren(cover, ...sections, method);
  article.hidden = false;
  document.title = `${r.title} — Voz Segura`;
}

async function start(): Promise<void> {
  const id = decodeURIComponent(location.pathname.split('/').pop() ?? '');
  const loading = $<HTMLElement>('#release-loading');
  try {
    release = await api(`/api/releases/${encodeURIComponent(id)}`, RELEASE);
  } catch (err) {
    // A refusal means no such release; no connection or an unreadable reply, try again.
    loading.textContent = inLang(err instanceof ApiFailure ? WORDS.notFound : WORDS.failed, lang);
    return;
  }
  loading.hidden = true;
  draw(release);
  document.body.dataset.loaded = 'true';
  document.querySelector('#switch-lang')?.addEventListener('click', () => {
    lang = nextLang(lang);
    applyLanguage(lang);
    if (release) draw(release);
  });
}

void start();
