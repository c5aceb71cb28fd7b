// The quick exit shared by every reporter page: a link and the Escape key both clear the
// page's forms and leave for somewhere ordinary with location.replace, so Back does not return.
// It is a real link, so it still leaves when the page's script has not run (or cannot).
import { eraseOfflineCopy } from './site-traces.ts';

export const EXIT_URL = 'https://www.google.com/search?q=pron%C3%B3stico+del+tiempo';

// Leaving fast matters most: the offline copy of the form gets this long to be erased before the
// page goes. The browser usually needs a few milliseconds; the worker finishes the job by itself
// if the page goes first.
const ERASE_WAIT_MS = 300;

export function installQuickExit(button: HTMLElement, forget: () => void): void {
  let leaving = false;
  const leave = (): void => {
    if (leaving) return;
    leaving = true;
    for (const f of document.querySelectorAll('form')) f.reset();
    forget();
    document.title = '';
    // Nothing of the page stays on screen while the erasing runs.
    document.body.hidden = true;
    const erased = eraseOfflineCopy().catch(() => undefined);
    const waited = new Promise((resolve) => setTimeout(resolve, ERASE_WAIT_MS));
    void Promise.race([erased, waited]).then(() => window.location.replace(EXIT_URL));
  };
  button.addEventListener('click', (event) => {
    event.preventDefault();
    leave();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') leave();
  });
}
