// The public dashboard: four charts and the GBVIMS table from /api/stats (the newest published
// snapshot) with the chosen filters, each with its data table one tap away; the release list;
// and the publish form. A chart whose question is not in the public catalogue says so.

import type { Release } from '../../../../src/contract/releases.ts';
import { currentPeruMonth, monthFromIndex, monthIndex } from '../../../../src/shared/months.ts';
import type { PublicStats } from '../../../../src/statistics/public-query.ts';
import { ApiFailure, api } from '../../lib/api-client.ts';
import { $ } from '../../lib/dom.ts';
import { DEFAULT_LANG, formatDay, inLang, LANGS, nextLang } from '../../lib/i18n.ts';
import { fullFigure } from './figures.ts';
import type { Lang } from './labels.ts';
import { applyLanguage, renderChart } from './render.ts';
import { PUBLIC_STATS, RELEASE, RELEASE_LIST } from './replies.ts';
import { STATS_TEXT, type StatsTextKey } from './text.ts';

const filters = $<HTMLFormElement>('#filters');
const filterError = $<HTMLParagraphElement>('#filter-error');
type Chart = { id: string; by: string; title: StatsTextKey; period: 'always' | 'ifSet' | 'never' };
const CHARTS: Chart[] = [
  { id: 'perpetrator', by: 'perpetrator', title: 'byPerpetrator', period: 'never' },
  { id: 'violence', by: 'violence', title: 'byViolence', period: 'never' },
  { id: 'region', by: 'region', title: 'byRegion', period: 'ifSet' },
  { id: 'month', by: 'month', title: 'byMonth', period: 'always' },
  { id: 'gbv', by: 'gbvType', title: 'byGbv', period: 'never' },
];

type Outcome = { table: PublicStats } | { notPublished: true };

const asked = new URLSearchParams(location.search).get('lang') ?? '';
let lang: Lang = LANGS.includes(asked) ? asked : DEFAULT_LANG;
let results = new Map<string, Outcome>();
let snapshot: PublicStats['snapshot'] | null = null;
let generation = 0;

function filterParams(): URLSearchParams {
  const data = new FormData(filters);
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'region', 'perpetrator', 'violence', 'verified']) {
    const value = data.get(key);
    if (typeof value === 'string' && value) params.set(key, value);
  }
  return params;
}

function queryFor(chart: Chart, params: URLSearchParams): URLSearchParams {
  const query = new URLSearchParams(params);
  query.set('by', chart.by);
  const periodSet = params.has('from') || params.has('to');
  if (chart.period === 'never' || (chart.period === 'ifSet' && !periodSet)) {
    query.delete('from');
    query.delete('to');
  }
  if (chart.period === 'always' && !periodSet) {
    const now = monthIndex(currentPeruMonth(new Date()));
    query.set('from', monthFromIndex(now - 23));
    query.set('to', monthFromIndex(now));
  }
  return query;
}

function draw(): void {
  for (const chart of CHARTS) {
    const outcome = results.get(chart.id);
    if (!outcome) continue;
    const figure = $<HTMLElement>(`#chart-${chart.id} .figure`);
    const tableBox = $<HTMLElement>(`#chart-${chart.id} .table`);
    if ('notPublished' in outcome) {
      const p = document.createElement('p');
      p.className = 'callout';
      p.textContent = inLang(STATS_TEXT.notPublished, lang);
      figure.replaceChildren(p);
      tableBox.replaceChildren();
      continue;
    }
    renderChart(figure, tableBox, outcome.table, lang, inLang(STATS_TEXT[chart.title], lang));
  }
  const first = [...results.values()].find((o): o is { table: PublicStats } => 'table' in o);
  $<HTMLElement>('#total').textContent = first
    ? fullFigure({ count: first.table.total, interval: first.table.totalInterval }, lang)
    : '…';
  const info = $<HTMLElement>('#snapshot-info');
  info.textContent = snapshot
    ? `${inLang(STATS_TEXT.snapshot, lang)} ${longDay(snapshot.through)} (${inLang(STATS_TEXT.published, lang)} ${longDay(snapshot.publishedDay)}).`
    : '';
}

function longDay(day: string): string {
  return formatDay(day, lang);
}

/** Hides the charts, so that figures for other filters are never left on screen. */
function clearCharts(): void {
  results = new Map();
  $<HTMLElement>('#charts').hidden = true;
}

async function load(): Promise<void> {
  const mine = ++generation;
  const params = filterParams();
  filterError.hidden = true;
  const periodError = $<HTMLElement>('#period-error');
  const to = $<HTMLInputElement>('input[name="to"]');
  const from = params.get('from');
  const until = params.get('to');
  // An inverted period is said next to the field, in the page's language, before asking.
  if (from && until && from > until) {
    periodError.textContent = inLang(STATS_TEXT.periodInverted, lang);
    periodError.hidden = false;
    to.setAttribute('aria-invalid', 'true');
    clearCharts();
    return;
  }
  periodError.hidden = true;
  to.removeAttribute('aria-invalid');
  try {
    const answers = await Promise.all(
      CHARTS.map(async (chart): Promise<readonly [string, Outcome | null]> => {
        try {
          const table = await api(`/api/stats?${queryFor(chart, params)}`, PUBLIC_STATS);
          return [chart.id, { table }];
        } catch (err) {
          if (!(err instanceof ApiFailure)) throw err;
          if (err.status === 404 && err.code === 'no_snapshot') return [chart.id, null];
          if (err.status === 400 && err.code === 'not_in_catalogue') {
            return [chart.id, { notPublished: true }];
          }
          // The service's own message is in English and names fields; the page says it plainly.
          throw err;
        }
      }),
    );
    if (mine !== generation) return; // a newer filter change is on its way
    const none = answers.every(([, o]) => o === null);
    $<HTMLElement>('#no-snapshot').hidden = !none;
    $<HTMLElement>('#charts').hidden = none;
    results = new Map(answers.flatMap(([id, o]) => (o ? [[id, o] as const] : [])));
    const tables = [...results.values()].flatMap((o) => ('table' in o ? [o.table] : []));
    snapshot = tables[0]?.snapshot ?? null;
    $<HTMLElement>('#synthetic').hidden = !tables.some((t) => t.synthetic);
    applyLanguage(lang);
    draw();
    document.body.dataset.loaded = String(mine);
  } catch {
    if (mine !== generation) return;
    filterError.textContent = inLang(STATS_TEXT.failed, lang);
    filterError.hidden = false;
    clearCharts();
  }
}

async function loadReleases(): Promise<void> {
  const list = $<HTMLUListElement>('#release-list');
  // Without the list (no connection, a refusal, an unexpected reply), the page shows none.
  const answer = await api('/api/releases', RELEASE_LIST).catch(() => null);
  if (!answer) return;
  const { releases } = answer;
  if (releases.length === 0) {
    const li = document.createElement('li');
    li.dataset.s = 'releasesNone';
    li.textContent = inLang(STATS_TEXT.releasesNone, lang);
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(
    ...releases.reverse().map((r) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `/publicaciones/${encodeURIComponent(r.id)}`;
      a.textContent = r.title;
      li.append(a, ` — ${r.organisation.name}, ${longDay(r.publishedDay)}`);
      return li;
    }),
  );
}

async function publish(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const status = $<HTMLParagraphElement>('#publish-status');
  const data = new FormData(form);
  const params = filterParams();
  // Only the tables the dashboard can show with these filters: the others are not published.
  const tables = data
    .getAll('tables')
    .map(String)
    .filter((by) => {
      const chart = CHARTS.find((c) => c.by === by);
      const outcome = chart ? results.get(chart.id) : undefined;
      return !(outcome && 'notPublished' in outcome);
    });
  const body: Record<string, unknown> = {
    title: String(data.get('title') ?? ''),
    ...(params.get('from') ? { from: params.get('from') } : {}),
    ...(params.get('to') ? { to: params.get('to') } : {}),
    filters: Object.fromEntries(
      ['region', 'perpetrator', 'violence', 'verified'].flatMap((k) => {
        const v = params.get(k);
        return v ? [[k, v]] : [];
      }),
    ),
    tables: tables.map((t) => [t]),
  };
  status.textContent = inLang(STATS_TEXT.loading, lang);
  let answer: Release;
  try {
    answer = await api('/api/releases', RELEASE, {
      method: 'POST',
      headers: { authorization: `Bearer ${data.get('token') ?? ''}` },
      body,
    });
  } catch (err) {
    // The service's reason (the token, the tables). With no answer it could read, the page
    // cannot tell whether the release was made: the list, read again, can.
    if (err instanceof ApiFailure) {
      status.textContent = `${inLang(STATS_TEXT.publishFailed, lang)} ${err.message}`;
    } else {
      status.textContent = inLang(STATS_TEXT.publishNoAnswer, lang);
      await loadReleases();
    }
    return;
  }
  const link = document.createElement('a');
  link.href = `/publicaciones/${encodeURIComponent(answer.id)}`;
  link.textContent = answer.title;
  link.id = 'published-link';
  status.replaceChildren(`${inLang(STATS_TEXT.releasePublished, lang)} `, link);
  (form.elements.namedItem('token') as HTMLInputElement).value = '';
  await loadReleases();
}

function start(): void {
  filters.addEventListener('change', () => void load());
  filters.addEventListener('submit', (e) => e.preventDefault());
  $<HTMLFormElement>('#publish-form').addEventListener('submit', (e) => void publish(e));
  $<HTMLButtonElement>('#switch-lang').addEventListener('click', () => {
    lang = nextLang(lang);
    applyLanguage(lang);
    draw();
  });
  if (lang !== DEFAULT_LANG) applyLanguage(lang);
  void load();
  void loadReleases();
}

start();
