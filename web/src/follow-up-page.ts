// The reporter's follow-up page (/seguimiento/), written at build time. Like the form: a neutral
// title, quick exit, no cookies, nothing stored, and the receipt code never leaves the page.

import { MAX_MESSAGE_CHARS } from '../../src/message-box.ts';
import { pageHead } from './page-head.ts';
import { EXIT_URL } from './quick-exit.ts';

export function renderFollowUpPage(assets: {
  script: string;
  style: string;
  pagesStyle: string;
}): string {
  return `${pageHead({ title: 'Formulario', styles: [assets.style, assets.pagesStyle], script: assets.script, noindex: true })}
<body>
<a class="skip-link" href="#main">Ir al contenido <span lang="en">· Skip to content</span></a>
<header class="bar">
<a class="exit" id="quick-exit" href="${EXIT_URL}" rel="noreferrer">Salir rápido <span lang="en" class="en">Quick exit</span></a>
</header>
<main id="main" tabindex="-1">
<h1>Seguimiento de tu reporte <span lang="en" class="en">Follow up on your report</span></h1>
<form id="lookup" novalidate autocomplete="off">
<label class="field" for="code">Tu código de recibo (16 números) <span lang="en" class="en">Your receipt code (16 digits)</span></label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="off" spellcheck="false" aria-describedby="code-hint lookup-status">
<p class="hint" id="code-hint">Puedes escribirlo con o sin espacios. No se guarda en este teléfono. <span lang="en" class="en">With or without spaces. It is not saved on this phone.</span></p>
<div class="actions"><button type="submit" id="lookup-button">Ver mi reporte <span lang="en" class="en">See my report</span></button></div>
<p class="status" id="lookup-status" role="status" aria-live="polite"></p>
</form>
<section id="result" hidden aria-labelledby="result-title">
<h2 id="result-title" tabindex="-1">Tu reporte <span lang="en" class="en">Your report</span></h2>
<p id="received"></p>
<ul id="statuses"></ul>
<h2>Respuestas <span lang="en" class="en">Replies</span></h2>
<div id="replies"></div>
<h2>Agregar información <span lang="en" class="en">Add information</span></h2>
<form id="add" novalidate autocomplete="off">
<label class="field" for="addition">Lo que quieras agregar. Se cierra con llave antes de salir. <span lang="en" class="en">Anything you want to add. It is locked before it is sent.</span></label>
<textarea id="addition" name="addition" rows="4" maxlength="${MAX_MESSAGE_CHARS}" spellcheck="false"></textarea>
<div class="actions"><button type="submit">Enviar <span lang="en" class="en">Send</span></button></div>
<p class="status" id="add-status" role="status" aria-live="polite"></p>
</form>
<h2>Retirar el reporte <span lang="en" class="en">Withdraw the report</span></h2>
<p>Si lo retiras, se borra y ya no cuenta en las cifras. No se puede deshacer. <span lang="en" class="en">If you withdraw it, it is deleted and no longer counted. This cannot be undone.</span></p>
<div class="actions">
<button type="button" class="secondary" id="withdraw">Retirar mi reporte <span lang="en" class="en">Withdraw my report</span></button>
<button type="button" class="exit" id="withdraw-confirm" hidden>Sí, borrarlo ahora <span lang="en" class="en">Yes, delete it now</span></button>
</div>
<p class="status" id="withdraw-status" role="status" aria-live="polite"></p>
</section>
</main>
</body>
</html>
`;
}
