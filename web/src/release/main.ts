// A release's permanent page: a title page, each table as a chart and a data table, and the
// method note; downloads and a print button. Print CSS turns it into a report to hand over.
import { METHOD_TEXT_ES } from '../../../src/release-texts.ts';
import type { Release } from '../../../src/releases.ts';
import { codeLabel, DIMENSION_LABELS, type Lang } from '../stats/labels.ts';
import { applyLanguage, renderChart } from '../stats/render.ts';
import { renderDataTable } from '../stats/table.ts';

const WORDS = {
  publishedBy: { es: 'Publicado por', en: 'Published by' },
  on: { es: 'el', en: 'on' },
  cite: { es: 'Cómo citar', en: 'How to cite' },
  download: { es: 'Descargar', en: 'Download' },
  print: { es: 'Imprimir o guardar como PDF', en: 'Print or save as PDF' },
  corrects: { es: 'Esta publicación corrige a', en: 'This release corrects' },
  correctedBy: { es: 'Esta publicación fue corregida por', en: 'This release was corrected by' },
  method: { es: 'Nota de método', en: 'Method note' },
  period: { es: 'Periodo (mes del hecho)', en: 'Period (incident month)' },
  filters: { es: 'Filtros', en: 'Filters' },
  none: { es: 'ninguno', en: 'none' },
  snapshot: {
    es: 'Reportes recibidos hasta el',
    en: 'Reports received up to',
  },
  noise: { es: 'Ruido (privacidad diferencial)', en: 'Noise (differential privacy)' },
  noiseWords: {
    es: 'Cada cifra lleva un ruido al azar para que nadie pueda ser identificado. ≈ quiere decir «más o menos»; entre paréntesis va el rango donde está la cifra real 9 de cada 10 veces. Las cifras menores de 10 se muestran como «menos de 10».',
    en: 'Every figure carries random noise so that nobody can be identified. ≈ means "about"; in brackets is the range that holds the real figure 9 times in 10. Figures under 10 are shown as "fewer than 10".',
  },
  privacy: { es: 'Parámetros', en: 'Parameters' },
  rules: { es: 'Reglas de conteo', en: 'Counting rules' },
  synthetic: {
    es: 'Datos sintéticos de demostración: no son casos reales.',
    en: 'Synthetic demonstration data: these are not real cases.',
  },
  notFound: { es: 'No existe esta publicación.', en: 'There is no such release.' },
  table: { es: 'Tabla', en: 'Table' },
} as const;

let lang: Lang = 'es';
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
  return lang === 'es' ? (METHOD_TEXT_ES[text] ?? text) : text;
}

function tableTitle(by: readonly string[]): string {
  return by
    .map((d) => DIMENSION_LABELS[d as keyof typeof DIMENSION_LABELS]?.[lang] ?? d)
    .join(' × ');
}

function draw(r: Release): void {
  const w = (key: keyof typeof WORDS): string => WORDS[key][lang];
  const article = document.querySelector<HTMLElement>('#release') as HTMLElement;
  const cover = node('header', undefined, 'title-page');
  cover.append(node('p', 'Voz Segura', 'kicker'), node('h1', r.title));
  cover.append(
    node('p', `${w('publishedBy')} ${r.organisation.name} ${w('on')} ${r.publishedDay}`),
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
    .map(
      ([k, v]) =>
        `${DIMENSION_LABELS[k as keyof typeof DIMENSION_LABELS]?.[lang] ?? k}: ${codeLabel(k, v, lang)}`,
    )
    .join('; ');
  const noise = r.method.noise;
  const period = r.method.period;
  const rows: Array<[string, string]> = [
    [w('snapshot'), r.snapshot.through],
    [
      w('period'),
      period.from || period.to ? `${period.from ?? '…'} – ${period.to ?? '…'}` : w('none'),
    ],
    [w('filters'), filters || w('none')],
    [w('noise'), w('noiseWords')],
    [
      w('privacy'),
      `${said(noise.mechanism)}; ρ = ${noise.rhoPerReport} (zCDP) ${lang === 'es' ? 'por reporte en toda su vida' : 'per report over its whole life'}; ${lang === 'es' ? 'rango' : 'range'} ${Math.round(noise.intervalLevel * 100)} %`,
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
  const loading = document.querySelector<HTMLElement>('#release-loading') as HTMLElement;
  const res = await fetch(`/api/releases/${encodeURIComponent(id)}`);
  if (!res.ok) {
    loading.textContent = WORDS.notFound[lang];
    return;
  }
  release = (await res.json()) as Release;
  loading.hidden = true;
  draw(release);
  document.body.dataset.loaded = 'true';
  document.querySelector('#switch-lang')?.addEventListener('click', () => {
    lang = lang === 'es' ? 'en' : 'es';
    applyLanguage(lang);
    if (release) draw(release);
  });
}

void start();
