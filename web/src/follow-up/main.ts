// /seguimiento/: the person types their receipt code; the browser derives the lookup token and
// the reply key, sends only the token, and opens the replies itself. Nothing is stored.
import { fromBase64, loadSodium, type Sodium, toBase64 } from '../../../src/crypto.ts';
import type { FollowUpView } from '../../../src/follow-up-schemas.ts';
import { openMessage, sealMessage } from '../../../src/message-box.ts';
import { solve } from '../../../src/pow.ts';
import {
  deriveFollowUpKeys,
  type FollowUpKeys,
  normaliseReceiptCode,
} from '../../../src/receipt.ts';
import type { Recipient } from '../../../src/schemas.ts';
import { $, bi, h } from '../dom.ts';
import { removeWaiting } from '../form/outbox.ts';
import { installQuickExit } from '../quick-exit.ts';
import { CASE_LABELS, TRIAGE_LABELS } from '../status-labels.ts';

let keys: FollowUpKeys | null = null;
let view: FollowUpView | null = null;

function forget(s?: Sodium): void {
  if (keys && s) {
    s.memzero(keys.lookupToken);
    s.memzero(keys.replySecretKey);
  }
  keys = null;
  view = null;
}

installQuickExit($<HTMLAnchorElement>('#quick-exit'), () => {
  keys = null;
});

/** Every follow-up request pays a proof of work, so guessing codes costs the guesser. */
async function proofOfWork(): Promise<{ challenge: string; nonce: string } | null> {
  const s = await loadSodium();
  const res = await fetch('/api/pow', { credentials: 'omit', cache: 'no-store' });
  const c = (await res.json()) as { challenge: string; difficulty: number };
  if (c.difficulty === 0) return null;
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
  return { challenge: c.challenge, nonce: await solve(s, c.challenge, c.difficulty, pause) };
}

const post = async (url: string, body: object): Promise<Response> => {
  const pow = await proofOfWork();
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(pow ? { ...body, pow } : body),
    credentials: 'omit',
    cache: 'no-store',
  });
};

function say(id: string, text: string): void {
  $<HTMLElement>(id).textContent = text;
}

function show(s: Sodium, v: FollowUpView, k: FollowUpKeys): void {
  say('#received', `Recibido el ${v.receivedDay} · Received on ${v.receivedDay}`);
  $('#statuses').replaceChildren(
    ...v.organisations.map((o) => {
      const t = TRIAGE_LABELS[o.status];
      const c = CASE_LABELS[o.caseStatus];
      return h(
        'li',
        {},
        h('strong', {}, o.name),
        ': ',
        bi(t.es, t.en),
        o.role === 'legal_aid' ? h('span', {}, ' — ', bi(c.es, c.en)) : null,
      );
    }),
  );
  const names = new Map(v.organisations.map((o) => [o.id, o.name]));
  const replies = v.replies.map((r) => {
    let text: string;
    try {
      text = openMessage(s, fromBase64(s, r.box), v.id, k.replyPublicKey, k.replySecretKey).text;
    } catch {
      text = 'No se pudo abrir esta respuesta. · This reply could not be opened.';
    }
    return h(
      'div',
      { class: 'message' },
      h('strong', {}, `${names.get(r.orgId) ?? r.orgId} · ${r.day}`),
      h('br'),
      text,
    );
  });
  $('#replies').replaceChildren(
    ...(replies.length
      ? replies
      : [h('p', {}, bi('Todavía no hay respuestas.', 'No replies yet.'))]),
  );
  $<HTMLElement>('#result').hidden = false;
  $<HTMLElement>('#result-title').focus();
}

$<HTMLFormElement>('#lookup').addEventListener('submit', async (event) => {
  event.preventDefault();
  const s = await loadSodium();
  forget(s);
  $<HTMLElement>('#result').hidden = true;
  const code = normaliseReceiptCode($<HTMLInputElement>('#code').value);
  if (!code) {
    say(
      '#lookup-status',
      'El código tiene 16 números. Revísalo. · The code has 16 digits. Check it.',
    );
    return;
  }
  const button = $<HTMLButtonElement>('#lookup-button');
  button.disabled = true;
  say('#lookup-status', 'Buscando… · Looking…');
  try {
    const k = deriveFollowUpKeys(s, code);
    const res = await post('/api/follow-up/lookup', { token: toBase64(s, k.lookupToken) });
    if (res.status === 200) {
      keys = k;
      view = (await res.json()) as FollowUpView;
      say('#lookup-status', '');
      show(s, view, k);
    } else if (res.status === 429) {
      say(
        '#lookup-status',
        'Hay muchas consultas ahora. Espera un minuto. · Too many look-ups now. Wait a minute.',
      );
    } else {
      say(
        '#lookup-status',
        'No encontramos un reporte con ese código. Revisa los números. · No report matches this code.',
      );
    }
  } catch {
    say('#lookup-status', 'No hay conexión. Intenta otra vez. · No connection. Try again.');
  } finally {
    button.disabled = false;
  }
});

$<HTMLFormElement>('#add').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $<HTMLTextAreaElement>('#addition').value.trim();
  if (!keys || !view || !text) return;
  const s = await loadSodium();
  try {
    const list = (await (await fetch('/api/recipients', { credentials: 'omit' })).json()) as {
      recipients: Recipient[];
    };
    const current = view;
    const sealed = list.recipients
      .filter((r) => current.organisations.some((o) => o.id === r.id))
      .map((r) => ({
        recipient: r.id,
        box: toBase64(
          s,
          sealMessage(s, { v: 1, reportId: current.id, text }, fromBase64(s, r.publicKey)),
        ),
      }));
    const res = await post('/api/follow-up/information', {
      token: toBase64(s, keys.lookupToken),
      sealed,
    });
    if (res.status !== 201) throw new Error(String(res.status));
    $<HTMLFormElement>('#add').reset();
    say('#add-status', 'Enviado. · Sent.');
  } catch {
    say('#add-status', 'No se pudo enviar. Intenta otra vez. · It could not be sent. Try again.');
  }
});

$<HTMLButtonElement>('#withdraw').addEventListener('click', () => {
  const confirm = $<HTMLButtonElement>('#withdraw-confirm');
  confirm.hidden = false;
  confirm.focus();
});

$<HTMLButtonElement>('#withdraw-confirm').addEventListener('click', async () => {
  if (!keys || !view) return;
  const s = await loadSodium();
  const reportId = view.id;
  try {
    const res = await post('/api/follow-up/withdraw', { token: toBase64(s, keys.lookupToken) });
    if (res.status !== 204) throw new Error(String(res.status));
  } catch {
    say(
      '#withdraw-status',
      'No se pudo retirar. Intenta otra vez. · It could not be withdrawn. Try again.',
    );
    return;
  }
  // If this phone still keeps the report to send (it arrived, but the phone never heard), it
  // must not be sent again: it would come back after being withdrawn.
  await removeWaiting(reportId).catch(() => undefined);
  forget(s);
  $<HTMLElement>('#result').hidden = true;
  $<HTMLFormElement>('#lookup').reset();
  say('#lookup-status', 'Tu reporte fue borrado. · Your report was deleted.');
});
