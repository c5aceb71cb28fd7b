// Writes the report form's HTML at build time, in Spanish, from the shared vocabulary.
// Every translatable node carries data-t (a TEXT key) or data-v (list:code), so the browser
// can switch language in place.

import {
  CONTACT_METHODS,
  LEGAL_NEEDS,
  MAX_DETAIL_CHARS,
  MAX_NARRATIVE_CHARS,
} from '../../src/contract/envelope.ts';
import { SOCIAL_PLATFORMS, type SocialPlatform } from '../../src/crypto/identifiers.ts';
import { REGIONS } from '../../src/shared/vocabulary.ts';
import {
  CONTACT_METHOD_LABELS,
  DEFAULT_LANG,
  LEGAL_NEED_LABELS,
  monthNames,
  TEXT,
  type TextKey,
} from '../src/lib/i18n.ts';
import { EXIT_URL } from '../src/lib/quick-exit.ts';
import { choices, type VocabList } from '../src/lib/vocab-lists.ts';
import { esc, LANG_SWITCH, pageHead } from './page-head.ts';

/** Brand names, the same in every language. */
const SOCIAL_PLATFORM_NAMES: Record<SocialPlatform, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  tiktok: 'TikTok',
  x: 'X (Twitter)',
  telegram: 'Telegram',
};

const tx = (key: TextKey, tag = 'span', attrs = ''): string =>
  `<${tag} data-t="${key}"${attrs ? ` ${attrs}` : ''}>${esc(TEXT[key].es)}</${tag}>`;

function options(
  list: VocabList,
  type: 'radio' | 'checkbox',
  name: string,
  skip: readonly string[] = [],
): string {
  return choices(list)
    .filter(([code]) => !skip.includes(code))
    .map(
      ([code, label]) =>
        `<label class="option"><input type="${type}" name="${name}" value="${esc(code)}"><span data-v="${list}:${esc(code)}">${esc(label.es)}</span></label>`,
    )
    .join('');
}

type StepSpec = { id: string; question: TextKey; body: string; hint?: TextKey; optional?: boolean };

function step(s: StepSpec): string {
  const hintId = `${s.id}-hint`;
  const errorId = `${s.id}-error`;
  return `<section class="step" data-step="${s.id}" hidden>
<fieldset aria-describedby="${s.hint ? `${hintId} ` : ''}${errorId}">
<legend><h1 class="question" tabindex="-1">${tx(s.question)}${s.optional ? ` ${tx('optional', 'span', 'class="optional"')}` : ''}</h1></legend>
${s.hint ? tx(s.hint, 'p', `class="hint" id="${hintId}"`) : ''}
${s.body}
<p class="error" id="${errorId}" role="alert" hidden></p>
</fieldset>
</section>`;
}

const skipOption = (name: string): string =>
  `<label class="option skip"><input type="radio" name="${name}" value="undisclosed">${tx('skip')}</label>`;

/** A question about the person that can be skipped: its choices, then «Prefiero no decir». */
const optionalChoice = (
  id: 'identity' | 'ageBand' | 'nationality' | 'setting',
  question: TextKey,
): string =>
  step({
    id,
    question,
    optional: true,
    body: `<div class="options">${options(id, 'radio', id, ['undisclosed'])}${skipOption(id)}</div>`,
  });

/**
 * The identifiers that let reports of the same person be matched (issue 17), inside the optional
 * details step: each one is sealed, and turned into a tag the server cannot read back.
 */
function recognise(): string {
  const input = (name: string, key: TextKey, attrs: string): string =>
    `<label class="field">${tx(key)}<input type="text" name="${name}" maxlength="${MAX_DETAIL_CHARS}" spellcheck="false" autocomplete="off" ${attrs}></label>`;
  const sites = SOCIAL_PLATFORMS.map(
    (p) => `<option value="${p}">${esc(SOCIAL_PLATFORM_NAMES[p])}</option>`,
  ).join('');
  return `<fieldset class="inner recognise" aria-describedby="recognise-hint recognise-error"><legend>${tx('recogniseQ')}</legend>
${tx('recogniseHint', 'p', 'class="hint" id="recognise-hint"')}
<p class="error" id="recognise-error" role="alert" hidden></p>
${input('idPhone', 'idPhone', 'inputmode="tel"')}
${input('idPlate', 'idPlate', 'autocapitalize="characters"')}
<label class="field">${tx('idSocialSite')}<select name="idSocialSite"><option value="" data-t="idSocialNone">${esc(TEXT.idSocialNone.es)}</option>${sites}</select></label>
${input('idSocial', 'idSocial', 'inputmode="url" autocapitalize="none"')}
${input('idBadge', 'idBadge', 'inputmode="numeric"')}
${input('idUnit', 'idUnit', '')}
</fieldset>`;
}

function steps(): string {
  const monthOptions = monthNames(DEFAULT_LANG).map(
    (m, i) => `<option value="${String(i + 1).padStart(2, '0')}" data-month="${i}">${m}</option>`,
  );
  const regionOptions = REGIONS.map(
    ([code, label]) => `<option value="${code}" data-v="region:${code}">${esc(label.es)}</option>`,
  );
  return [
    step({
      id: 'channel',
      question: 'channelQ',
      body: `<div class="options">${options('channel', 'radio', 'channel')}</div>`,
    }),
    step({
      id: 'month',
      question: 'monthQ',
      hint: 'monthHint',
      body: `<div class="row">
<label class="field"><span data-t="monthLabel">${TEXT.monthLabel.es}</span><select name="month"><option value="" data-t="choose">${TEXT.choose.es}</option>${monthOptions.join('')}</select></label>
<label class="field"><span data-t="yearLabel">${TEXT.yearLabel.es}</span><select name="year"><option value="" data-t="choose">${TEXT.choose.es}</option></select></label>
</div>`,
    }),
    step({
      id: 'region',
      question: 'regionQ',
      hint: 'regionHint',
      body: `<label class="field"><span data-t="regionLabel">${TEXT.regionLabel.es}</span><select name="region"><option value="" data-t="choose">${TEXT.choose.es}</option>${regionOptions.join('')}</select></label>`,
    }),
    step({
      id: 'perpetrators',
      question: 'perpetratorQ',
      hint: 'chooseMany',
      body: `<div class="options">${options('perpetrators', 'checkbox', 'perpetrators')}</div>`,
    }),
    step({
      id: 'violence',
      question: 'violenceQ',
      hint: 'chooseMany',
      body: `<div class="options">${options('violence', 'checkbox', 'violence')}</div>`,
    }),
    optionalChoice('identity', 'identityQ'),
    optionalChoice('ageBand', 'ageQ'),
    optionalChoice('nationality', 'nationalityQ'),
    optionalChoice('setting', 'settingQ'),
    step({
      id: 'reportedToAuthority',
      question: 'reportedQ',
      body: `<div class="options">${options('reportedToAuthority', 'radio', 'reportedToAuthority')}</div>`,
    }),
    step({
      id: 'narrative',
      question: 'narrativeQ',
      optional: true,
      hint: 'narrativeHint',
      body: `<textarea name="narrative" rows="7" maxlength="${MAX_NARRATIVE_CHARS}" aria-labelledby="narrative-label" spellcheck="false"></textarea><span id="narrative-label" class="visually-hidden" data-t="narrativeQ">${TEXT.narrativeQ.es}</span>`,
    }),
    step({
      id: 'details',
      question: 'detailsQ',
      optional: true,
      hint: 'detailsHint',
      body: `<label class="field">${tx('exactDate')}<input type="date" name="exactDate"></label>
<label class="field">${tx('place')}<input type="text" name="place" maxlength="${MAX_DETAIL_CHARS}" spellcheck="false"></label>
<label class="field">${tx('perpetratorDetails')}<textarea name="perpetratorDetails" rows="3" maxlength="${MAX_DETAIL_CHARS}" spellcheck="false"></textarea></label>
${recognise()}`,
    }),
    step({
      id: 'legalAid',
      question: 'legalQ',
      hint: 'legalHint',
      body: `<div class="options">
<label class="option"><input type="radio" name="legalAid" value="no">${tx('legalNo')}</label>
<label class="option"><input type="radio" name="legalAid" value="yes">${tx('legalYes')}</label>
</div>
<div class="contact" hidden>
<fieldset class="inner"><legend>${tx('contactMethod')}</legend><div class="options">${options('contactMethod', 'radio', 'contactMethod').replace('value="phone_call"', 'value="phone_call" checked')}</div></fieldset>
<label class="field">${tx('contactValue')}<input type="text" name="contactValue" inputmode="tel" maxlength="${MAX_DETAIL_CHARS}" spellcheck="false"></label>
<label class="field">${tx('safeTimes')}<input type="text" name="safeTimes" maxlength="${MAX_DETAIL_CHARS}" spellcheck="false"></label>
<fieldset class="inner"><legend>${tx('needsQ')}</legend><div class="options">${options('needs', 'checkbox', 'needs')}</div></fieldset>
<label class="option consent"><input type="checkbox" name="consent" value="yes">${tx('consent')}</label>
</div>`,
    }),
    step({
      id: 'review',
      question: 'reviewQ',
      hint: 'reviewHint',
      body: `<dl class="summary"></dl><p class="status" role="status" aria-live="polite"></p>`,
    }),
  ].join('\n');
}

/** Keeps CONTACT_METHODS and LEGAL_NEEDS (the envelope's contract) and the labels in step. */
export function assertLabelsCoverContract(): void {
  for (const m of CONTACT_METHODS)
    if (!(m in CONTACT_METHOD_LABELS)) throw new Error(`no label for ${m}`);
  for (const n of LEGAL_NEEDS) if (!(n in LEGAL_NEED_LABELS)) throw new Error(`no label for ${n}`);
}

export function renderFormPage(assets: {
  script: string;
  style: string;
  /** The sealing worker's script, loaded after first paint. */
  sealer: string;
}): string {
  assertLabelsCoverContract();
  return `${pageHead({ title: TEXT.pageTitle.es, titleAttrs: 'data-t="pageTitle"', styles: [assets.style], script: assets.script, noindex: true })}
<body class="pinned-bar">
<a class="skip-link" href="#main" data-t="skipLink">${TEXT.skipLink.es}</a>
<header class="bar">
<a class="exit" id="quick-exit" href="${EXIT_URL}" rel="noreferrer" data-t="quickExit">${TEXT.quickExit.es}</a>
${LANG_SWITCH}
</header>
<main id="main" tabindex="-1">
<noscript><p class="error">${esc(TEXT.noScript.es)}</p></noscript>
<section id="outbox" class="callout" hidden aria-labelledby="outbox-title">
${tx('savedTitle', 'h2', 'id="outbox-title"')}
<p id="outbox-text" role="status">${esc(TEXT.savedPending.es)}</p>
${tx('savedStays', 'p', 'id="outbox-stays" class="hint"')}
<button type="button" id="outbox-delete" class="secondary" data-t="deleteSaved">${TEXT.deleteSaved.es}</button>
</section>
<section class="step" data-step="intro">
<h1 class="question" tabindex="-1" data-t="introTitle">${TEXT.introTitle.es}</h1>
${tx('introBody1', 'p')}
${tx('introBody2', 'p')}
${tx('quickExitHint', 'p', 'class="hint"')}
${tx('introHistory', 'p', 'class="hint"')}
<p><a class="follow-up-link" href="/seguimiento/" data-t="followUpIntro">${TEXT.followUpIntro.es}</a></p>
</section>
<form id="report" novalidate autocomplete="off" data-sealer="/${esc(assets.sealer)}">
<div class="hp" aria-hidden="true"><label>Website<input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
${steps()}
</form>
<p class="progress" aria-live="polite"></p>
<nav class="nav" aria-label="${TEXT.steps.es}">
<button type="button" id="back" class="secondary" hidden data-t="back">${TEXT.back.es}</button>
<button type="button" id="next" data-t="start">${TEXT.start.es}</button>
</nav>
<section id="done" hidden>
<h1 class="question" tabindex="-1" data-t="doneTitle">${TEXT.doneTitle.es}</h1>
${tx('doneBody', 'p', 'id="done-body"')}
${tx('doneLegal', 'p', 'id="done-legal" hidden')}
<div class="receipt">
${tx('receiptTitle', 'h2')}
<p class="receipt-code" id="receipt-code"></p>
${tx('receiptBody', 'p')}
<p><a class="follow-up-link" href="/seguimiento/" data-t="followUpDone">${TEXT.followUpDone.es}</a></p>
${tx('receiptAdvice', 'p', 'class="hint"')}
</div>
<div id="child-protection" class="callout" hidden>
${tx('childTitle', 'h2')}
${tx('childBody', 'p')}
</div>
${tx('referralsTitle', 'h2')}
${tx('referralsNote', 'p', 'class="hint"')}
<ul class="referrals">
<li><a href="tel:100" data-t="refLinea100">${TEXT.refLinea100.es}</a></li>
${tx('refCem', 'li')}
${tx('refDefensa', 'li')}
${tx('refDefensoria', 'li')}
</ul>
<button type="button" id="again" class="secondary" data-t="newReport">${TEXT.newReport.es}</button>
</section>
</main>
</body>
</html>
`;
}
