// Keeps the form usable with no connection: the page and its assets are cached; the API never
// is. Only the blank form is stored, never anything a person typed. The quick exit erases all of
// it (site-traces.ts); the worker helps, so the erasing finishes even once the page has gone.
// The project compiles against the DOM library, so the few worker types used here are
// declared rather than pulling in the conflicting WebWorker library.
import { EXIT_URL } from '../../lib/quick-exit.ts';

type ExtendableEvent = Event & { waitUntil(p: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(r: Promise<Response>): void };
type MessageEvent = ExtendableEvent & { data: unknown };
type WorkerScope = {
  location: Location;
  registration: { unregister(): Promise<boolean> };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
};
const sw = self as unknown as WorkerScope;
declare const __ASSETS__: string[];
declare const __VERSION__: string;

const CACHE = `form-${__VERSION__}`;
/** The only pages kept, each served at its own address and nowhere else. */
const PAGES = ['/'];
const PUBLIC_KEYS = ['/api/recipients', '/api/transport-key'];
const STYLE = __ASSETS__.find((a) => a.endsWith('.css'));

// Set once the quick exit has asked to erase everything: nothing is written to the cache again.
let forgetting = false;

const eraseCaches = async (): Promise<void> => {
  await Promise.all((await caches.keys()).map((k) => caches.delete(k)));
};

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...PAGES, ...__ASSETS__]))
      // The quick exit may have come while the form was being copied.
      .then(() => (forgetting ? eraseCaches() : sw.skipWaiting())),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('message', (event) => {
  if (event.data !== 'forget') return;
  forgetting = true;
  event.waitUntil(eraseCaches().then(() => sw.registration.unregister()));
});

/**
 * What a page the worker does not keep gets with no connection: an honest word, the way out,
 * and the way to the form (which does work offline). No script; the form's cached styles.
 */
function offlinePage(): Response {
  const html = `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>Sin conexión</title>
${STYLE ? `<link rel="stylesheet" href="${STYLE}">` : ''}
</head>
<body>
<header class="bar">
<a class="exit" id="quick-exit" href="${EXIT_URL}" rel="noreferrer">Salir rápido</a>
</header>
<main id="main">
<h1>Sin conexión</h1>
<p>Esta página necesita internet. Intenta otra vez cuando tengas conexión.</p>
<p>El formulario para reportar sí se abre sin internet.</p>
<p><a href="/">Ir al formulario</a></p>
<p class="hint" lang="en">No connection. This page needs the internet; the report form does open without it.</p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy':
        "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  });
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (PUBLIC_KEYS.includes(url.pathname)) {
    // Public keys only: kept so a report can be sealed and saved with no connection at all.
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          if (response.ok && !forgetting)
            await (await caches.open(CACHE)).put(request, response.clone());
          return response;
        })
        .catch(async () => (await caches.match(request)) ?? Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // The network first, so people get fixes. With no connection, a kept page at its own
    // address; any other page says it needs a connection (it used to open the form instead).
    event.respondWith(
      fetch(request).catch(async () =>
        PAGES.includes(url.pathname)
          ? ((await caches.match(url.pathname)) ?? offlinePage())
          : offlinePage(),
      ),
    );
    return;
  }
  // Hashed assets never change, so the cached copy is always right.
  event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
});
