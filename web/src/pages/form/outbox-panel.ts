// The panel that tells the person about a report waiting on this phone, sends it when the
// connection returns, and lets them delete it.
import { $ } from '../../lib/dom.ts';
import { inLang, type Lang, TEXT, type TextKey } from '../../lib/i18n.ts';
import { clearIfEmpty, clearOutbox, hasOutbox, listWaiting, removeWaiting } from './outbox.ts';
import type { Sealer } from './sealer.ts';
import { sendWaiting } from './send.ts';

export type OutboxPanel = {
  showOutbox: (key: TextKey, canDelete: boolean) => void;
  flushOutbox: () => Promise<void>;
  /** A report was just saved while the phone seems online: try it again in a while. */
  scheduleFlush: () => void;
};

// A send that failed while the phone seemed online (a flaky connection the browser does not
// report as offline, or a busy server) is tried again by itself, less often each time.
const FIRST_RETRY_MS = 15_000;
const MAX_RETRY_MS = 5 * 60_000;

// What the panel says once a waiting report has gone, or will never go.
const AFTER_SEND = {
  sent: 'savedSent',
  dropped: 'savedDropped',
  withdrawn: 'savedWithdrawn',
} as const;

export function startOutboxPanel(
  getLang: () => Lang,
  loadSeal: () => Promise<Sealer | null>,
): OutboxPanel {
  const outboxPanel = $<HTMLElement>('#outbox');
  const outboxText = $<HTMLElement>('#outbox-text');

  // The panel's heading says where the saved report stands, not only its text.
  const TITLES: Partial<Record<TextKey, TextKey>> = {
    savedSent: 'savedSentTitle',
    savedDeleted: 'savedDeletedTitle',
    savedWithdrawn: 'savedDeletedTitle',
    savedDropped: 'savedDroppedTitle',
  };
  function showOutbox(key: TextKey, canDelete: boolean): void {
    outboxPanel.hidden = false;
    const title = $<HTMLElement>('#outbox-title');
    const titleKey = TITLES[key] ?? 'savedTitle';
    title.dataset.t = titleKey;
    title.textContent = inLang(TEXT[titleKey], getLang());
    outboxText.dataset.t = key;
    outboxText.textContent = inLang(TEXT[key], getLang());
    $<HTMLButtonElement>('#outbox-delete').hidden = !canDelete;
    // While it can be deleted, it is waiting: say that the quick exit leaves it on the phone.
    $<HTMLElement>('#outbox-stays').hidden = !canDelete;
  }

  let retryDelayMs = FIRST_RETRY_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  function retryLater(): void {
    if (retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void flushOutbox();
    }, retryDelayMs);
    retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_MS);
  }

  let flushing = false;
  // Asked for while a flush was running (a report saved meanwhile): flush again afterwards.
  let again = false;
  let deleting = false;
  async function flushOutbox(): Promise<void> {
    // Set before the first await: two 'online' events in a row must not both start sending.
    if (flushing) {
      again = true;
      return;
    }
    flushing = true;
    try {
      if (!(await hasOutbox())) return;
      const waiting = await listWaiting();
      if (waiting.length === 0) {
        await clearIfEmpty();
        return;
      }
      showOutbox('savedPending', true);
      // Offline: the 'online' event tries again.
      if (!navigator.onLine) return;
      const seal = await loadSeal();
      if (!seal) {
        retryLater();
        return;
      }
      // Read again, since the person may have deleted it meanwhile. Once sending starts it
      // cannot be deleted halfway: it may already have reached the server.
      const toSend = await listWaiting();
      if (deleting || toSend.length === 0) return;
      showOutbox('savedSending', false);
      for (const item of toSend) {
        const result = await sendWaiting(seal, item);
        if (result === 'kept') {
          showOutbox('savedPending', true);
          retryLater();
          return;
        }
        await removeWaiting(item.id);
        showOutbox(AFTER_SEND[result], false);
      }
      retryDelayMs = FIRST_RETRY_MS;
    } catch {
      // Storage unavailable or the send failed: try again later (or at the next 'online').
      retryLater();
    } finally {
      flushing = false;
      if (again) {
        again = false;
        retryLater();
      }
    }
  }

  $<HTMLButtonElement>('#outbox-delete').addEventListener('click', async () => {
    deleting = true;
    try {
      await clearOutbox();
      showOutbox('savedDeleted', false);
    } finally {
      deleting = false;
    }
  });
  window.addEventListener('online', () => void flushOutbox());

  return { showOutbox, flushOutbox, scheduleFlush: retryLater };
}
