// The organisation workspace (/equipo/), written at build time in Spanish, with the form's
// language button. Everything after sign-in is drawn by web/src/pages/workspace/*.

import { WORKSPACE_TEXT } from '../src/pages/workspace/text.ts';
import { LANG_SWITCH, type LivePageAssets, livePageStart, textTag } from './page-head.ts';

const tx = textTag(WORKSPACE_TEXT);

export function renderWorkspacePage(assets: LivePageAssets): string {
  return `${livePageStart(WORKSPACE_TEXT, assets)}
<header class="bar staff-bar no-print">
${tx('pageTitle', 'strong', 'id="who"')}
<div class="bar-end">
${tx('logout', 'button', 'type="button" class="secondary" id="logout" hidden')}
${LANG_SWITCH}
</div>
</header>
<main id="main" class="wide" tabindex="-1">
<section id="login" hidden aria-labelledby="login-title">
${tx('loginTitle', 'h1', 'id="login-title" tabindex="-1"')}
<form id="login-form" novalidate>
${tx('email', 'label', 'class="field" for="email"')}
<input type="email" id="email" name="email" autocomplete="username" required>
${tx('password', 'label', 'class="field" for="password"')}
<input type="password" id="password" name="password" autocomplete="current-password" required>
${tx('totpLabel', 'label', 'class="field" for="totp"')}
<input type="text" id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" maxlength="6">
<div class="actions">${tx('signIn', 'button', 'type="submit"')}</div>
<p class="status" id="login-status" role="status" aria-live="polite"></p>
</form>
</section>
<section id="unlock" hidden aria-labelledby="unlock-title">
${tx('unlockTitle', 'h1', 'id="unlock-title" tabindex="-1"')}
${tx('unlockBody', 'p')}
<form id="unlock-form" novalidate>
${tx('passphrase', 'label', 'class="field" for="passphrase"')}
<input type="password" id="passphrase" name="passphrase" autocomplete="off" required>
<div class="actions">${tx('unlock', 'button', 'type="submit"')}</div>
<p class="status" id="unlock-status" role="status" aria-live="polite"></p>
</form>
<details id="recover">
${tx('recoverSummary', 'summary')}
<form id="recover-form" novalidate>
${tx('recoveryKey', 'label', 'class="field" for="recovery-key"')}
<input type="password" id="recovery-key" name="recovery-key" autocomplete="off" required>
${tx('newPassphrase', 'label', 'class="field" for="recovery-passphrase"')}
<input type="password" id="recovery-passphrase" name="recovery-passphrase" autocomplete="new-password" required>
<div class="actions">${tx('recover', 'button', 'type="submit"')}</div>
<p class="status" id="recover-status" role="status" aria-live="polite"></p>
</form>
</details>
</section>
<section id="app" hidden>
<nav class="tabs no-print" aria-label="${WORKSPACE_TEXT.sections.es}" data-t-label="sections">
${tx('tabInbox', 'button', 'type="button" class="secondary" data-view="inbox"')}
${tx('tabIntake', 'button', 'type="button" class="secondary" data-view="intake" hidden')}
${tx('tabStaff', 'button', 'type="button" class="secondary" data-view="staff" hidden')}
${tx('tabAudit', 'button', 'type="button" class="secondary" data-view="audit" hidden')}
${tx('tabStats', 'button', 'type="button" class="secondary" data-view="stats" hidden')}
${tx('tabAccount', 'button', 'type="button" class="secondary" data-view="key"')}
</nav>
<div id="view"></div>
</section>
<p class="status no-print" id="app-status" role="status" aria-live="polite"></p>
</main>
</body>
</html>
`;
}
