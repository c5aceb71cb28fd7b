// The organisation workspace (/equipo/), written at build time. Staff-facing: Spanish first with
// English labels. Everything after sign-in is drawn by web/src/workspace/*.
import { pageHead } from './page-head.ts';

const en = (text: string): string => ` <span lang="en" class="en">${text}</span>`;

export function renderWorkspacePage(assets: {
  script: string;
  style: string;
  pagesStyle: string;
}): string {
  return `${pageHead({ title: 'Voz Segura · Equipo', styles: [assets.style, assets.pagesStyle], script: assets.script, noindex: true })}
<body>
<a class="skip-link" href="#main">Ir al contenido${en('Skip to content')}</a>
<header class="bar no-print">
<strong id="who">Voz Segura · Equipo</strong>
<button type="button" class="secondary" id="logout" hidden>Cerrar sesión${en('Log out')}</button>
</header>
<main id="main" class="wide" tabindex="-1">
<section id="login" hidden aria-labelledby="login-title">
<h1 id="login-title" tabindex="-1">Entrar al espacio de trabajo${en('Sign in to the workspace')}</h1>
<form id="login-form" novalidate>
<label class="field" for="email">Correo${en('E-mail')}</label>
<input type="email" id="email" name="email" autocomplete="username" required>
<label class="field" for="password">Contraseña${en('Password')}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<label class="field" for="totp">Código de 6 números, si lo activaste${en('6-digit code, if enabled')}</label>
<input type="text" id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" maxlength="6">
<div class="actions"><button type="submit">Entrar${en('Sign in')}</button></div>
<p class="status" id="login-status" role="status" aria-live="polite"></p>
</form>
</section>
<section id="unlock" hidden aria-labelledby="unlock-title">
<h1 id="unlock-title" tabindex="-1">Abrir la llave de la organización${en("Unlock the organisation's key")}</h1>
<p>La frase de la llave no sale de este navegador.${en('The key passphrase never leaves this browser.')}</p>
<form id="unlock-form" novalidate>
<label class="field" for="passphrase">Frase de la llave${en('Key passphrase')}</label>
<input type="password" id="passphrase" name="passphrase" autocomplete="off" required>
<div class="actions"><button type="submit">Abrir${en('Unlock')}</button></div>
<p class="status" id="unlock-status" role="status" aria-live="polite"></p>
</form>
<details id="recover">
<summary>¿Perdiste la frase? Usa la llave de recuperación${en('Lost it? Use the recovery key')}</summary>
<form id="recover-form" novalidate>
<label class="field" for="recovery-key">Llave de recuperación${en('Recovery key')}</label>
<input type="password" id="recovery-key" name="recovery-key" autocomplete="off" required>
<label class="field" for="recovery-passphrase">Nueva frase de la llave${en('New key passphrase')}</label>
<input type="password" id="recovery-passphrase" name="recovery-passphrase" autocomplete="new-password" required>
<div class="actions"><button type="submit">Recuperar${en('Recover')}</button></div>
<p class="status" id="recover-status" role="status" aria-live="polite"></p>
</form>
</details>
</section>
<section id="app" hidden>
<nav class="tabs no-print" aria-label="Secciones · Sections">
<button type="button" class="secondary" data-view="inbox">Bandeja${en('Inbox')}</button>
<button type="button" class="secondary" data-view="intake" hidden>Admisión legal${en('Legal-aid intake')}</button>
<button type="button" class="secondary" data-view="staff" hidden>Equipo${en('Staff')}</button>
<button type="button" class="secondary" data-view="audit" hidden>Registro${en('Audit log')}</button>
<button type="button" class="secondary" data-view="stats" hidden>Cifras exactas${en('Exact figures')}</button>
<button type="button" class="secondary" data-view="key">Mi cuenta${en('My account')}</button>
</nav>
<div id="view"></div>
</section>
<p class="status no-print" id="app-status" role="status" aria-live="polite"></p>
</main>
</body>
</html>
`;
}
