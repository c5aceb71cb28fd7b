// The reporter's follow-up page (/seguimiento/), written at build time in Spanish. Like the form: a
// neutral title, quick exit, a language button, no cookies, nothing stored, and the receipt code
// never leaves the page.

import { MAX_MESSAGE_CHARS } from '../../src/crypto/message-box.ts';
import { EXIT_URL } from '../src/lib/quick-exit.ts';
import { FOLLOW_UP_TEXT } from '../src/pages/follow-up/text.ts';
import { LANG_SWITCH, type LivePageAssets, livePageStart, textTag } from './page-head.ts';

const tx = textTag(FOLLOW_UP_TEXT);

export function renderFollowUpPage(assets: LivePageAssets): string {
  return `${livePageStart(FOLLOW_UP_TEXT, assets)}
<header class="bar">
${tx('quickExit', 'a', `class="exit" id="quick-exit" href="${EXIT_URL}" rel="noreferrer"`)}
${LANG_SWITCH}
</header>
<main id="main" tabindex="-1">
${tx('title', 'h1')}
<form id="lookup" novalidate autocomplete="off">
${tx('codeLabel', 'label', 'class="field" for="code"')}
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="off" spellcheck="false" aria-describedby="code-hint lookup-status">
${tx('codeHint', 'p', 'class="hint" id="code-hint"')}
<div class="actions">${tx('lookup', 'button', 'type="submit" id="lookup-button"')}</div>
<p class="status" id="lookup-status" role="status" aria-live="polite"></p>
</form>
<section id="result" hidden aria-labelledby="result-title">
${tx('yourReport', 'h2', 'id="result-title" tabindex="-1"')}
<p id="received"></p>
<ul id="statuses"></ul>
${tx('replies', 'h2')}
<div id="replies"></div>
${tx('add', 'h2')}
<form id="add" novalidate autocomplete="off">
${tx('addLabel', 'label', 'class="field" for="addition"')}
<textarea id="addition" name="addition" rows="4" maxlength="${MAX_MESSAGE_CHARS}" spellcheck="false"></textarea>
<div class="actions">${tx('send', 'button', 'type="submit"')}</div>
<p class="status" id="add-status" role="status" aria-live="polite"></p>
</form>
${tx('withdrawTitle', 'h2')}
${tx('withdrawBody', 'p')}
<div class="actions">
${tx('withdraw', 'button', 'type="button" class="secondary" id="withdraw"')}
${tx('withdrawConfirm', 'button', 'type="button" class="exit" id="withdraw-confirm" hidden')}
</div>
<p class="status" id="withdraw-status" role="status" aria-live="polite"></p>
</section>
</main>
</body>
</html>
`;
}
