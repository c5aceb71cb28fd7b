// Keeps the form usable with no connection: the page and its assets are cached; the API never
// is. Only the blank form is stored, never anything a person typed.
// The project compiles against the DOM library, so the few worker types used here are
// declared rather than pulling in the conflicting WebWorker library.
type ExtendableEvent = Event & { waitUntil(p: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(r: Promise<Response>): void };
type WorkerScope = {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
};
const sw = self as unknown as WorkerScope;
declare const __ASSETS__: string[];
declare const __VERSION__: string;

const CACHE = `form-${__VERSION__}`;
const PAGES = ['/'];
const PUBLIC_KEYS = ['/api/recipients', '/api/transport-key'];

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...PAGES, ...__ASSETS__]))
      .then(() => sw.skipWaiting()),
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

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (PUBLIC_KEYS.includes(url.pathname)) {
    // Public keys only: kept so a report can be sealed and saved with no connection at all.
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
          return response;
        })
        .catch(async () => (await caches.match(request)) ?? Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // The network first, so people get fixes; the cached form when there is no connection.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match('/')) ?? Response.error()),
    );
    return;
  }
  // Hashed assets never change, so the cached copy is always right.
  event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
});
