// Writes the report form's HTML at build time, in Spanish, from the shared vocabulary.
// Every translatable node carries data-t (a TEXT key) or data-v (list:code), so the browser
// can switch language in place.

import {
  CONTACT_METHODS,
  LEGAL_NEEDS,
  MAX_DETAIL_CHARS,
  MAX_NARRATIVE_CHARS,
} from '../../src/envelope.ts';
import { type Label, REGIONS } from '../../src/vocabulary.ts';
import {
  CONTACT_METHOD_LABELS,
  LEGAL_NEED_LABELS,
  MONTH_NAMES,
  TEXT,
  type TextKey,
} from './i18n.ts';
import { pageHead } from './page-head.ts';
import { EXIT_URL } from './quick-exit.ts';
import { VOCAB_LISTS, type VocabList } from './vocab-lists.ts';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const tx = (key: TextKey, tag = 'span', attrs = ''): string =>
  `<${tag} data-t="${key}"${attrs ? ` ${attrs}` : ''}>${esc(TEXT[key].es)}</${tag}>`;

function options(
  list: VocabList,
  type: 'radio' | 'checkbox',
  name: string,
  skip: readonly string[] = [],
): string {
  return (VOCAB_LISTS[list] as ReadonlyArray<readonly [string, Label]>)
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

function steps(): string {
  const monthOptions = MONTH_NAMES.es.map(
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
    step({
      id: 'identity',
      question: 'identityQ',
      optional: true,
      body: `<div class="options">${options('identity', 'radio', 'identity', ['undisclosed'])}${skipOption('identity')}</div>`,
    }),
    step({
      id: 'ageBand',
      question: 'ageQ',
      optional: true,
      body: `<div class="options">${options('ageBand', 'radio', 'ageBand', ['undisclosed'])}${skipOption('ageBand')}</div>`,
    }),
    step({
      id: 'nationality',
      question: 'nationalityQ',
      optional: true,
      body: `<div class="options">${options('nationality', 'radio', 'nationality', ['undisclosed'])}${skipOption('nationality')}</div>`,
    }),
    step({
      id: 'setting',
      question: 'settingQ',
      optional: true,
      body: `<div class="options">${options('setting', 'radio', 'setting', ['undisclosed'])}${skipOption('setting')}</div>`,
    }),
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
<label class="field">${tx('perpetratorDetails')}<textarea name="perpetratorDetails" rows="3" maxlength="${MAX_DETAIL_CHARS}" spellcheck="false"></textarea></label>`,
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

export function renderFormPage(assets: { script: string; style: string }): string {
  assertLabelsCoverContract();
  return `${pageHead({ title: TEXT.pageTitle.es, titleAttrs: 'data-t="pageTitle"', styles: [assets.style], script: assets.script, noindex: true })}
<body>
<a class="skip-link" href="#main" data-t="skipLink">${TEXT.skipLink.es}</a>
<header class="bar">
<a class="exit" id="quick-exit" href="${EXIT_URL}" rel="noreferrer" data-t="quickExit">${TEXT.quickExit.es}</a>
<button type="button" class="lang" id="switch-lang" lang="en" aria-label="${TEXT.switchLangLabel.es}" data-t="switchLang">${TEXT.switchLang.es}</button>
</header>
<main id="main" tabindex="-1">
<noscript><p class="error">${esc(TEXT.noScript.es)}</p></noscript>
<section id="outbox" class="callout" hidden aria-labelledby="outbox-title">
${tx('savedTitle', 'h2', 'id="outbox-title"')}
<p id="outbox-text" role="status">${esc(TEXT.savedPending.es)}</p>
<button type="button" id="outbox-delete" class="secondary" data-t="deleteSaved">${TEXT.deleteSaved.es}</button>
</section>
<section class="step" data-step="intro">
<h1 class="question" tabindex="-1" data-t="introTitle">${TEXT.introTitle.es}</h1>
${tx('introBody1', 'p')}
${tx('introBody2', 'p')}
${tx('quickExitHint', 'p', 'class="hint"')}
<p><a class="follow-up-link" href="/seguimiento/" data-t="followUpIntro">${TEXT.followUpIntro.es}</a></p>
</section>
<form id="report" novalidate autocomplete="off">
<div class="hp" aria-hidden="true"><label>Website<input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
${steps()}
</form>
<p class="progress" aria-live="polite"></p>
<nav class="nav" aria-label="Pasos">
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
