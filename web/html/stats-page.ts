// Writes the public statistics page (/estadisticas) and the release page shell
// (/publicaciones/<id>) at build time, in Spanish; the browser switches language in place.
// Every translatable node carries data-s (a STATS_TEXT key).

import { PERPETRATORS, REGIONS, VIOLENCE } from '../../src/shared/vocabulary.ts';
import { STATS_TEXT, type StatsTextKey } from '../src/pages/stats/text.ts';
import { esc, LANG_SWITCH, pageHead } from './page-head.ts';

const tx = (key: StatsTextKey, tag = 'span', attrs = ''): string =>
  `<${tag} data-s="${key}"${attrs ? ` ${attrs}` : ''}>${esc(STATS_TEXT[key].es)}</${tag}>`;

export type PageAssets = { script: string; styles: string[] };

function head(title: string, assets: PageAssets): string {
  return `${pageHead({ title: esc(title), styles: assets.styles, script: assets.script })}`;
}

function bar(): string {
  return `${tx('skipLink', 'a', 'class="skip-link" href="#main"')}
<header class="bar">
<a class="brand" href="/estadisticas">Voz Segura</a>
${LANG_SWITCH}
</header>`;
}

function select(
  name: 'region' | 'perpetrator' | 'violence',
  list: ReadonlyArray<readonly [string, { es: string }]>,
): string {
  const options = list
    .map(
      ([code, label]) =>
        `<option value="${esc(code)}" data-v="${name}:${esc(code)}">${esc(label.es)}</option>`,
    )
    .join('');
  return `<label class="field">${tx(name)}<select name="${name}"><option value="" data-s="all">${esc(STATS_TEXT.all.es)}</option>${options}</select></label>`;
}

function chart(id: string, by: string, title: StatsTextKey, extra = ''): string {
  return `<section class="chart" id="chart-${id}" data-by="${by}" aria-labelledby="chart-${id}-h">
${tx(title, 'h2', `id="chart-${id}-h"`)}
${extra}
<div class="figure" aria-hidden="false"><p class="hint" data-s="loading">${esc(STATS_TEXT.loading.es)}</p></div>
<details class="table-toggle"><summary data-s="showTable">${esc(STATS_TEXT.showTable.es)}</summary><div class="table"></div></details>
</section>`;
}

export function renderStatsPage(assets: PageAssets): string {
  const tables: ReadonlyArray<readonly [string, StatsTextKey]> = [
    ['perpetrator', 'byPerpetrator'],
    ['violence', 'byViolence'],
    ['region', 'byRegion'],
    ['month', 'byMonth'],
    ['gbvType', 'byGbv'],
  ];
  const checkboxes = tables
    .map(
      ([by, label], i) =>
        `<label class="option"><input type="checkbox" name="tables" value="${by}"${i < 4 ? ' checked' : ''}>${tx(label)}</label>`,
    )
    .join('');
  return `${head(STATS_TEXT.pageTitle.es, assets)}
<body class="stats">
${bar()}
<main id="main" tabindex="-1">
${tx('heading', 'h1')}
${tx('intro', 'p')}
${tx('syntheticBanner', 'p', 'class="callout" id="synthetic" hidden')}
<form id="filters" class="filters" aria-labelledby="filters-h">
${tx('filters', 'h2', 'id="filters-h"')}
<div class="filter-grid">
<label class="field">${tx('from')}<input type="month" name="from" min="2000-01" max="2099-12"></label>
<label class="field">${tx('to')}<input type="month" name="to" min="2000-01" max="2099-12" aria-describedby="period-error"></label>
<p class="error" id="period-error" role="alert" hidden></p>
${select('region', REGIONS)}
${select('perpetrator', PERPETRATORS)}
${select('violence', VIOLENCE)}
<label class="option"><input type="checkbox" name="verified" value="true">${tx('verified')}</label>
</div>
${tx('periodHint', 'p', 'class="hint"')}
<p class="error" id="filter-error" role="alert" hidden></p>
</form>
<p class="hint" id="snapshot-info"></p>
${tx('noSnapshot', 'p', 'class="callout" id="no-snapshot" hidden')}
<div id="charts">
<p class="total" aria-live="polite">${tx('total')}: <strong id="total">…</strong></p>
${tx('rangeNote', 'p', 'class="hint"')}
${chart('perpetrator', 'perpetrator', 'byPerpetrator', tx('multiNote', 'p', 'class="hint"'))}
${chart('violence', 'violence', 'byViolence', tx('multiNote', 'p', 'class="hint"'))}
${chart('region', 'region', 'byRegion', tx('mapNote', 'p', 'class="hint"'))}
${chart('month', 'month', 'byMonth')}
${chart('gbv', 'gbvType', 'byGbv')}
</div>
<section id="method">${tx('method', 'h2')}${tx('methodNoise', 'p')}${tx('methodWhen', 'p')}${tx('methodCan', 'p')}${tx('methodBody', 'p')}</section>
<section id="releases" aria-labelledby="releases-h">${tx('releases', 'h2', 'id="releases-h"')}<ul id="release-list"></ul></section>
<details id="publish"><summary data-s="publish">${esc(STATS_TEXT.publish.es)}</summary>
${tx('publishHint', 'p', 'class="hint"')}
<form id="publish-form" novalidate>
<label class="field">${tx('releaseTitle')}<input type="text" name="title" required minlength="3" maxlength="160"></label>
<label class="field">${tx('token')}<input type="password" name="token" required autocomplete="off"></label>
<fieldset class="inner"><legend data-s="tables">${esc(STATS_TEXT.tables.es)}</legend>${checkboxes}</fieldset>
<button type="submit" data-s="publishButton">${esc(STATS_TEXT.publishButton.es)}</button>
<p id="publish-status" role="status" aria-live="polite"></p>
</form>
</details>
</main>
</body>
</html>
`;
}

export function renderReleasePage(assets: PageAssets): string {
  return `${head('Publicación — Voz Segura', assets)}
<body class="stats release">
${bar()}
<main id="main" tabindex="-1">
<p class="hint" id="release-loading">Cargando…</p>
<article id="release" hidden></article>
</main>
</body>
</html>
`;
}
