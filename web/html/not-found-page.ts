// The page for an address the site does not have (404), written at build time. It looks like the
// reporter pages and keeps their quick exit: a person who mistypes an address may be someone
// reporting, and must still be able to leave at once. Its title names nothing about violence.

import { EXIT_URL } from '../src/lib/quick-exit.ts';
import { type LivePageAssets, pageHead } from './page-head.ts';

export function renderNotFoundPage(assets: LivePageAssets): string {
  return `${pageHead({ title: 'Página no encontrada', styles: [assets.style, assets.pagesStyle], script: assets.script, noindex: true })}
<body>
<a class="skip-link" href="#main">Ir al contenido <span lang="en">· Skip to content</span></a>
<header class="bar">
<a class="exit" id="quick-exit" href="${EXIT_URL}" rel="noreferrer">Salir rápido <span lang="en" class="en">Quick exit</span></a>
</header>
<main id="main" tabindex="-1">
<h1>No encontramos esta página <span lang="en" class="en">Page not found</span></h1>
<p>La dirección puede estar mal escrita, o la página ya no existe. <span lang="en" class="en">The address may be mistyped, or the page no longer exists.</span></p>
<nav aria-label="Páginas del sitio">
<ul class="links">
<li><a href="/">Hacer un reporte <span lang="en" class="en">Make a report</span></a></li>
<li><a href="/seguimiento/">Seguimiento de tu reporte <span lang="en" class="en">Follow up on your report</span></a></li>
<li><a href="/estadisticas">Estadísticas públicas <span lang="en" class="en">Public statistics</span></a></li>
</ul>
</nav>
</main>
</body>
</html>
`;
}
