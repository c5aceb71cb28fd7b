// The public dashboard: four charts and the GBVIMS table from /api/stats with the chosen
// filters, each with its data table one tap away; the release list; and the publish form.
import { currentPeruMonth, monthFromIndex, monthIndex } from '../../../src/months.ts';
import type { StatsTable } from '../../../src/stats.ts';
import type { Lang } from './labels.ts';
import { applyLanguage, renderChart } from './render.ts';
import { DEFAULT_K, STATS_TEXT, type StatsTextKey } from './text.ts';

const $ = <T extends Element>(selector: string): T => {
  const node = document.querySelector<T>(selector);
  if (!node) throw new Error(`missing ${selector}`);
  return node;
};

const filters = $<HTMLFormElement>('#filters');
const filterError = $<HTMLParagraphElement>('#filter-error');
const CHARTS: Array<{ id: string; by: string; title: StatsTextKey }> = [
  { id: 'perpetrator', by: 'perpetrator', title: 'byPerpetrator' },
  { id: 'violence', by: 'violence', title: 'byViolence' },
  { id: 'region', by: 'region', title: 'byRegion' },
  { id: 'month', by: 'month', title: 'byMonth' },
  { id: 'gbv', by: 'gbvType', title: 'byGbv' },
];

let lang: Lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'es';
let tables = new Map<string, StatsTable>();
let k = DEFAULT_K;
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

function draw(): void {
  for (const chart of CHARTS) {
    const table = tables.get(chart.id);
    if (!table) continue;
    const section = $<HTMLElement>(`#chart-${chart.id}`);
    renderChart(
      $<HTMLElement>(`#chart-${chart.id} .figure`),
      section.querySelector<HTMLElement>('.table') as HTMLElement,
      table,
      lang,
      STATS_TEXT[chart.title][lang],
    );
  }
  const total = tables.get('region')?.total;
  $<HTMLElement>('#total').textContent =
    total === null || total === undefined
      ? STATS_TEXT.hidden[lang]
      : total.toLocaleString(lang === 'es' ? 'es-PE' : 'en');
}

async function load(): Promise<void> {
  const mine = ++generation;
  const params = filterParams();
  filterError.hidden = true;
  try {
    const results = await Promise.all(
      CHARTS.map(async (chart) => {
        const query = new URLSearchParams(params);
        query.set('by', chart.by);
        const res = await fetch(`/api/stats?${query}`);
        const body = await res.json();
        if (!res.ok) throw new Error(body?.error?.message ?? res.statusText);
        return [chart.id, body as StatsTable & { synthetic?: boolean }] as const;
      }),
    );
    if (mine !== generation) return; // a newer filter change is on its way
    tables = new Map(results);
    $<HTMLElement>('#synthetic').hidden = !results.some(([, t]) => t.synthetic);
    k = results[0]?.[1].k ?? k;
    applyLanguage(lang, k);
    draw();
    document.body.dataset.loaded = String(mine);
  } catch (err) {
    if (mine !== generation) return;
    filterError.textContent = `${STATS_TEXT.failed[lang]} (${err instanceof Error ? err.message : ''})`;
    filterError.hidden = false;
  }
}

async function loadReleases(): Promise<void> {
  const list = $<HTMLUListElement>('#release-list');
  const res = await fetch('/api/releases');
  if (!res.ok) return;
  const { releases } = (await res.json()) as {
    releases: Array<{
      id: string;
      title: string;
      publishedDay: string;
      organisation: { name: string };
    }>;
  };
  if (releases.length === 0) {
    const li = document.createElement('li');
    li.dataset.s = 'releasesNone';
    li.textContent = STATS_TEXT.releasesNone[lang];
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(
    ...releases.reverse().map((r) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `/publicaciones/${encodeURIComponent(r.id)}`;
      a.textContent = r.title;
      li.append(a, ` — ${r.organisation.name}, ${r.publishedDay}`);
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
  const body: Record<string, unknown> = {
    title: String(data.get('title') ?? ''),
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    filters: Object.fromEntries(
      ['region', 'perpetrator', 'violence', 'verified'].flatMap((k) => {
        const v = params.get(k);
        return v ? [[k, v]] : [];
      }),
    ),
    tables: data.getAll('tables').map((t) => [String(t)]),
  };
  const epsilon = String(data.get('epsilon') ?? '');
  if (epsilon) body.epsilon = Number(epsilon);
  status.textContent = STATS_TEXT.loading[lang];
  const res = await fetch('/api/releases', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${data.get('token') ?? ''}`,
    },
    body: JSON.stringify(body),
  });
  const answer = await res.json();
  if (!res.ok) {
    status.textContent = `${STATS_TEXT.publishFailed[lang]} ${answer?.error?.message ?? res.statusText}`;
    return;
  }
  const link = document.createElement('a');
  link.href = `/publicaciones/${encodeURIComponent(answer.id)}`;
  link.textContent = answer.title;
  link.id = 'published-link';
  status.replaceChildren(`${STATS_TEXT.published[lang]} `, link);
  (form.elements.namedItem('token') as HTMLInputElement).value = '';
  await loadReleases();
}

function start(): void {
  const now = monthIndex(currentPeruMonth(new Date()));
  $<HTMLInputElement>('input[name="from"]').value = monthFromIndex(now - 23);
  $<HTMLInputElement>('input[name="to"]').value = monthFromIndex(now);
  filters.addEventListener('change', () => void load());
  filters.addEventListener('submit', (e) => e.preventDefault());
  $<HTMLFormElement>('#publish-form').addEventListener('submit', (e) => void publish(e));
  $<HTMLButtonElement>('#switch-lang').addEventListener('click', () => {
    lang = lang === 'es' ? 'en' : 'es';
    applyLanguage(lang, k);
    draw();
  });
  if (lang !== 'es') applyLanguage(lang, k);
  void load();
  void loadReleases();
}

start();
