// The quick exit shared by every reporter page: a link and the Escape key both clear the
// page's forms and leave for somewhere ordinary with location.replace, so Back does not return.
// It is a real link, so it still leaves when the page's script has not run (or cannot).
export const EXIT_URL = 'https://www.google.com/search?q=pron%C3%B3stico+del+tiempo';

export function installQuickExit(button: HTMLElement, forget: () => void): void {
  const leave = (): void => {
    for (const f of document.querySelectorAll('form')) f.reset();
    forget();
    document.title = '';
    window.location.replace(EXIT_URL);
  };
  button.addEventListener('click', (event) => {
    event.preventDefault();
    leave();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') leave();
  });
}
