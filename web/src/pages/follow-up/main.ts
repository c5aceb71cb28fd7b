// /seguimiento/: the person types their receipt code; the browser derives the lookup token and
// the reply key, sends only the token, and opens the replies itself. Nothing is stored.

import {
  type FollowUpView,
  FollowUpViewSchema,
  InformationReceivedSchema,
} from '../../../../src/contract/follow-up-schemas.ts';
import { RecipientListSchema } from '../../../../src/contract/schemas.ts';
import { openMessage, sealMessage } from '../../../../src/crypto/message-box.ts';
import {
  deriveFollowUpKeys,
  type FollowUpKeys,
  normaliseReceiptCode,
} from '../../../../src/crypto/receipt.ts';
import { fromBase64, loadSodium, type Sodium, toBase64 } from '../../../../src/crypto/sodium.ts';
import { ApiFailure, api, NO_CONTENT, type ReplyCheck } from '../../lib/api-client.ts';
import { $, h } from '../../lib/dom.ts';
import { fill, formatDay, inLang } from '../../lib/i18n.ts';
import { installLanguageSwitch, sayStatus, tx, type Words } from '../../lib/live-lang.ts';
import { proveWork } from '../../lib/pow-client.ts';
import { installQuickExit } from '../../lib/quick-exit.ts';
import { CASE_LABELS, TRIAGE_LABELS } from '../../lib/status-labels.ts';
import { removeWaiting } from '../form/outbox.ts';
import { FOLLOW_UP_TEXT as F } from './text.ts';

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
installLanguageSwitch($<HTMLButtonElement>('#switch-lang'), F);

// Every follow-up request pays a proof of work, so guessing codes costs the guesser.
const post = async <T>(url: string, body: object, reply: ReplyCheck<T>): Promise<T> => {
  const pow = await proveWork();
  return api(url, reply, {
    method: 'POST',
    body: pow ? { ...body, pow } : body,
    credentials: 'omit',
    cache: 'no-store',
  });
};

const status = (id: string, w: Words | ''): void => sayStatus($(id), w);

function show(s: Sodium, v: FollowUpView, k: FollowUpKeys): void {
  status('#received', (l) => fill(inLang(F.received, l), { day: formatDay(v.receivedDay, l) }));
  $('#statuses').replaceChildren(
    ...v.organisations.map((o) => {
      const t = TRIAGE_LABELS[o.status];
      const c = CASE_LABELS[o.caseStatus];
      return h(
        'li',
        {},
        h('strong', {}, o.name),
        ': ',
        tx(t),
        o.role === 'legal_aid' ? h('span', {}, ' — ', tx(c)) : null,
      );
    }),
  );
  const names = new Map(v.organisations.map((o) => [o.id, o.name]));
  const replies = v.replies.map((r) => {
    let text: string | HTMLElement;
    try {
      text = openMessage(s, fromBase64(s, r.box), v.id, k.replyPublicKey, k.replySecretKey).text;
    } catch {
      text = tx(F.replyUnopened);
    }
    return h(
      'div',
      { class: 'message' },
      tx((l) => `${names.get(r.orgId) ?? r.orgId} · ${formatDay(r.day, l)}`, 'strong'),
      h('br'),
      text,
    );
  });
  $('#replies').replaceChildren(...(replies.length ? replies : [tx(F.noReplies, 'p')]));
  $<HTMLElement>('#result').hidden = false;
  $<HTMLElement>('#result-title').focus();
}

// libsodium is a large download: it starts when the person starts typing the code, not with the
// page, so the page is usable at once on a slow connection.
$<HTMLFormElement>('#lookup').addEventListener('focusin', () => void loadSodium().catch(() => {}), {
  once: true,
});

$<HTMLFormElement>('#lookup').addEventListener('submit', async (event) => {
  event.preventDefault();
  const s = await loadSodium();
  forget(s);
  $<HTMLElement>('#result').hidden = true;
  const code = normaliseReceiptCode($<HTMLInputElement>('#code').value);
  if (!code) {
    status('#lookup-status', F.codeBad);
    return;
  }
  const button = $<HTMLButtonElement>('#lookup-button');
  button.disabled = true;
  status('#lookup-status', F.looking);
  try {
    const k = deriveFollowUpKeys(s, code);
    view = await post(
      '/api/follow-up/lookup',
      { token: toBase64(s, k.lookupToken) },
      FollowUpViewSchema,
    );
    keys = k;
    status('#lookup-status', '');
    show(s, view, k);
  } catch (err) {
    // No connection, or a reply that is not the service's (a captive portal's page): not used.
    if (!(err instanceof ApiFailure)) status('#lookup-status', F.offline);
    else status('#lookup-status', err.status === 429 ? F.busy : F.notFound);
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
    const list = await api('/api/recipients', RecipientListSchema, { credentials: 'omit' });
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
    await post(
      '/api/follow-up/information',
      { token: toBase64(s, keys.lookupToken), sealed },
      InformationReceivedSchema,
    );
    $<HTMLFormElement>('#add').reset();
    status('#add-status', F.sent);
  } catch {
    status('#add-status', F.sendFailed);
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
    await post('/api/follow-up/withdraw', { token: toBase64(s, keys.lookupToken) }, NO_CONTENT);
  } catch {
    status('#withdraw-status', F.withdrawFailed);
    return;
  }
  // If this phone still keeps the report to send (it arrived, but the phone never heard), it
  // must not be sent again: it would come back after being withdrawn.
  await removeWaiting(reportId).catch(() => undefined);
  forget(s);
  $<HTMLElement>('#result').hidden = true;
  $<HTMLFormElement>('#lookup').reset();
  status('#lookup-status', F.withdrawn);
});
