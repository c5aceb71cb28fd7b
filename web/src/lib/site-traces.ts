// What the site leaves in the phone's browser so the form opens without a connection: a service
// worker and its Cache Storage (the blank form, its code, the organisations' public keys). The
// quick exit takes both away. A sealed report waiting in the outbox (IndexedDB) is not touched:
// it needs no worker to be sent, only the form opened again with a connection.

// The worker's registration under way, if the page has asked for one: unregistering before it
// exists would miss it.
let registering: Promise<unknown> = Promise.resolve();
// The registration this page made, once made: the quick exit can unregister it at once, with no
// round trip to the browser first (listing the registrations) that a busy phone answers slowly.
let registered: ServiceWorkerRegistration | undefined;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registering = navigator.serviceWorker
    .register('/sw.js')
    .then((registration) => {
      registered = registration;
    })
    .catch(() => {
      // No service worker (plain HTTP, or a private window): the form still works online.
    });
}

/** Asks every registration of the site to forget, and unregisters it. */
async function unregisterAll(): Promise<void> {
  for (const registration of await navigator.serviceWorker.getRegistrations()) {
    // The worker deletes the caches itself too, kept alive by the browser until it has, so
    // this finishes even after the page has gone; and it stops adding to them.
    for (const worker of [registration.active, registration.waiting, registration.installing])
      worker?.postMessage('forget');
    await registration.unregister();
  }
}

/** Unregisters the site's service workers and deletes its caches. */
export async function eraseOfflineCopy(): Promise<void> {
  const work: Array<Promise<unknown>> = [];
  if ('serviceWorker' in navigator) {
    // First, with nothing to wait for: the worker that serves this page erases the caches and
    // unregisters itself, even if the page is gone before anything below has run. On a slow
    // phone the browser may still be checking the worker for an update (the page's own
    // register call), and the page leaves after a fixed wait, not when that check ends.
    const controller = navigator.serviceWorker.controller;
    controller?.postMessage('forget');
    // Asked of the browser itself too, at once: it unregisters even if the page is gone before
    // the worker has woken up to read the message above (a browser may drop a message whose
    // page has left). The worker goes once no page uses it any more.
    if (registered) {
      if (registered.active !== controller) registered.active?.postMessage('forget');
      work.push(registered.unregister());
    }
    // The browser runs unregistering after any registering already under way, even once the
    // page has gone, so it is asked at once; and again once this page's own registering has
    // ended, for a worker that was only being installed.
    work.push(unregisterAll(), registering.then(unregisterAll));
  }
  if ('caches' in window) {
    work.push(caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k)))));
  }
  await Promise.all(work);
}
