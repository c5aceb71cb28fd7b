// The quick exit shared by every reporter page: a button and the Escape key both clear the
// page's forms and leave for somewhere ordinary with location.replace, so Back does not return.
const EXIT_URL = 'https://www.google.com/search?q=pron%C3%B3stico+del+tiempo';

export function installQuickExit(button: HTMLElement, forget: () => void): void {
  const leave = (): void => {
    for (const f of document.querySelectorAll('form')) f.reset();
    forget();
    document.title = '';
    window.location.replace(EXIT_URL);
  };
  button.addEventListener('click', leave);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') leave();
  });
}
