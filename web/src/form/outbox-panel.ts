// The panel that tells the person about a report waiting on this phone, sends it when the
// connection returns, and lets them delete it.
import { type Lang, TEXT, type TextKey } from '../i18n.ts';
import { clearOutbox, hasOutbox, listWaiting, removeWaiting } from './outbox.ts';

type SealModule = typeof import('./seal.ts');

const $ = <T extends Element>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
};

export type OutboxPanel = {
  showOutbox: (key: TextKey, canDelete: boolean) => void;
  flushOutbox: () => Promise<void>;
};

export function startOutboxPanel(
  getLang: () => Lang,
  loadSeal: () => Promise<SealModule | null>,
): OutboxPanel {
  const outboxPanel = $<HTMLElement>('#outbox');
  const outboxText = $<HTMLElement>('#outbox-text');

  function showOutbox(key: TextKey, canDelete: boolean): void {
    outboxPanel.hidden = false;
    outboxText.dataset.t = key;
    outboxText.textContent = TEXT[key][getLang()];
    $<HTMLButtonElement>('#outbox-delete').hidden = !canDelete;
  }

  let flushing = false;
  async function flushOutbox(): Promise<void> {
    if (flushing || !(await hasOutbox())) return;
    flushing = true;
    try {
      const waiting = await listWaiting();
      if (waiting.length === 0) {
        await clearOutbox();
        return;
      }
      showOutbox('savedPending', true);
      if (!navigator.onLine) return;
      const seal = await loadSeal();
      if (!seal) return;
      for (const item of waiting) {
        const result = await seal.sendWaiting(item);
        if (result === 'kept') return;
        await removeWaiting(item.id);
        showOutbox(result === 'sent' ? 'savedSent' : 'savedDropped', false);
      }
    } catch {
      // Still offline or storage unavailable: the next 'online' event tries again.
    } finally {
      flushing = false;
    }
  }

  $<HTMLButtonElement>('#outbox-delete').addEventListener('click', async () => {
    await clearOutbox();
    showOutbox('savedDeleted', false);
  });
  window.addEventListener('online', () => void flushOutbox());

  return { showOutbox, flushOutbox };
}
