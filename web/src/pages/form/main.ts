// The report form: one question per step, quick exit everywhere, nothing written to storage,
// cookies or the URL. libsodium and sealing load in the background after first paint.
import type { ReportDraft } from '../../../../src/contract/envelope.ts';
import type { Recipient } from '../../../../src/contract/schemas.ts';
import { $ } from '../../lib/dom.ts';
import {
  DEFAULT_LANG,
  inLang,
  type Lang,
  nextLang,
  TEXT,
  type TextKey,
  t,
} from '../../lib/i18n.ts';
import { installQuickExit } from '../../lib/quick-exit.ts';
import { registerServiceWorker } from '../../lib/site-traces.ts';
import { FIELD_OF_ERROR, readAnswers, STEPS, type StepId } from './answers.ts';
import { renderSummary, translateForm } from './language.ts';
import { putWaiting } from './outbox.ts';
import { startOutboxPanel } from './outbox-panel.ts';
import { type Sealer, loadSealer as startSealer, stopSealer } from './sealer.ts';
import { send } from './send.ts';
import { afterFirstPaint, currentMonthParts } from './util.ts';

const QUESTIONS = STEPS.length - 2; // neither the intro nor the review counts as a question

const form = $<HTMLFormElement>('#report');
const { value, draft, validate } = readAnswers(form);
const nextButton = $<HTMLButtonElement>('#next');
const backButton = $<HTMLButtonElement>('#back');
const progress = $<HTMLParagraphElement>('.progress');

let lang: Lang = DEFAULT_LANG;
let current = 0;
let sending = false;
let sealer: Promise<Sealer> | null = null;
// The report last built and not yet known to have arrived. Tapping Enviar again with the same
// answers sends this very report (same id, same receipt), so if an earlier try reached the
// server and only its answer was lost, the server recognises it and stores nothing twice.
let unconfirmed: {
  answers: string;
  built: Awaited<ReturnType<typeof import('./seal.ts')['buildSubmission']>>;
} | null = null;
let recipients: Promise<Recipient[]> | null = null;

function loadSealer(): void {
  if (sealer) return;
  sealer = startSealer(form.dataset.sealer);
  recipients = sealer.then((m) => m.prepare());
  // A failure here is reported when the person presses Send, and retried then.
  recipients.catch(() => {
    sealer = null;
  });
}

const { showOutbox, flushOutbox, scheduleFlush } = startOutboxPanel(
  () => lang,
  async () => {
    loadSealer();
    return (await sealer) ?? null;
  },
);

// ---- quick exit -------------------------------------------------------------------------

installQuickExit($<HTMLAnchorElement>('#quick-exit'), stopSealer);

// ---- language -----------------------------------------------------------------------------

function applyLanguage(): void {
  translateForm(lang);
  render(false);
}
$<HTMLButtonElement>('#switch-lang').addEventListener('click', () => {
  lang = nextLang(lang);
  applyLanguage();
});

// ---- showing steps ---------------------------------------------------------------------------

function showError(step: StepId, key: TextKey | null): void {
  // An identifier that is not valid is said just above the identifier fields, where the
  // person is looking, rather than at the end of the step.
  const near = key && FIELD_OF_ERROR[key] ? '.recognise .error' : '.error:last-child';
  for (const box of document.querySelectorAll<HTMLElement>(`[data-step="${step}"] .error`)) {
    const shown = key !== null && box.matches(`[data-step="${step}"] ${near}`);
    box.hidden = !shown;
    box.textContent = shown && key ? inLang(TEXT[key], lang) : '';
  }
}

function render(moveFocus: boolean): void {
  const id = STEPS[current] ?? 'intro';
  for (const section of document.querySelectorAll<HTMLElement>('.step')) {
    section.hidden = section.dataset.step !== id;
  }
  backButton.hidden = current === 0;
  const nextKey: TextKey = id === 'intro' ? 'start' : id === 'review' ? 'send' : 'next';
  nextButton.dataset.t = nextKey;
  nextButton.textContent = inLang(TEXT[nextKey], lang);
  progress.textContent =
    id === 'intro' || id === 'review' ? '' : t('stepOf', lang, { n: current, total: QUESTIONS });
  if (id === 'review') renderSummary(draft(), lang);
  if (moveFocus) {
    document.querySelector<HTMLElement>(`[data-step="${id}"] .question`)?.focus();
  }
}

function go(delta: number): void {
  current = Math.min(Math.max(current + delta, 0), STEPS.length - 1);
  render(true);
}

nextButton.addEventListener('click', () => {
  const id = STEPS[current] ?? 'intro';
  if (id === 'review') {
    void submit();
    return;
  }
  const problem = validate(id);
  showError(id, problem);
  if (problem) {
    const field = FIELD_OF_ERROR[problem];
    const target = document.querySelector<HTMLElement>(
      field
        ? `[data-step="${id}"] [name="${field}"]`
        : `[data-step="${id}"] input, [data-step="${id}"] select`,
    );
    target?.focus({ preventScroll: true });
    // In the middle of the screen, so the message just above it shows under the header.
    target?.scrollIntoView({ block: 'center' });
    return;
  }
  go(1);
});
backButton.addEventListener('click', () => go(-1));
form.addEventListener('submit', (event) => event.preventDefault());

form.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement;
  if (target.name === 'legalAid') {
    $<HTMLElement>('.contact').hidden = target.value !== 'yes';
  }
});

// ---- sending -------------------------------------------------------------------------------

/** The message under the summary, kept as a key so a change of language translates it. */
function status(key: TextKey | null): void {
  const el = $<HTMLElement>('.status');
  if (key) el.dataset.t = key;
  else delete el.dataset.t;
  el.textContent = key ? inLang(TEXT[key], lang) : '';
}

async function submit(): Promise<void> {
  if (sending) return;
  sending = true;
  const hadFocus = document.activeElement === nextButton;
  nextButton.disabled = true;
  backButton.disabled = true;
  status('sending');
  try {
    loadSealer();
    const [seal, list] = await Promise.all([sealer, recipients]);
    if (!seal || !list) throw new Error('sealer unavailable');
    const d = draft();
    const answers = JSON.stringify({ ...d, reportId: '' });
    if (unconfirmed?.answers !== answers)
      unconfirmed = { answers, built: await seal.buildSubmission(d, list) };
    const { submission, receiptCode } = unconfirmed.built;
    const trap = value('website');
    if (trap) submission.referrer = trap;
    const outcome = await send(seal, submission, () => status('retrying'));
    if (outcome.kind === 'received') {
      finish(d, receiptCode);
      return;
    }
    if (outcome.kind === 'offline' && (await saveForLater(seal, submission))) {
      // The phone may count as online (a weak signal, a busy server): no 'online' event will
      // come, so the waiting report is tried again on a timer.
      scheduleFlush();
      finish(d, receiptCode, true);
      return;
    }
    if (outcome.kind === 'rejected') {
      // The same body would be refused again: the next tap builds a new report, with the
      // organisations' keys fetched afresh (they may have changed while the form was open).
      unconfirmed = null;
      sealer = null;
    }
    status(outcome.kind === 'rejected' ? 'rejected' : 'sendFailed');
  } catch {
    sealer = null;
    status('sendFailed');
  } finally {
    sending = false;
    nextButton.disabled = false;
    backButton.disabled = false;
    // Disabling the focused button sent focus to the page; give it back, so Enter works again.
    if (hadFocus && (document.activeElement === document.body || !document.activeElement))
      nextButton.focus();
  }
}

async function saveForLater(
  seal: Sealer,
  submission: Parameters<Sealer['sealForLater']>[0],
): Promise<boolean> {
  try {
    await putWaiting(await seal.sealForLater(submission));
    return true;
  } catch {
    return false;
  }
}

function finish(d: ReportDraft, receiptCode: string | null, savedForLater = false): void {
  unconfirmed = null;
  const under18 = d.facts.ageBand === 'under_18';
  const legal = d.legalAid !== null;
  form.reset();
  $<HTMLElement>('.contact').hidden = true;
  $<HTMLElement>('.summary').replaceChildren();
  status(null);
  form.hidden = true;
  $<HTMLElement>('nav.nav').hidden = true;
  progress.textContent = '';
  for (const section of document.querySelectorAll<HTMLElement>('.step')) section.hidden = true;
  $<HTMLElement>('#child-protection').hidden = !under18;
  $<HTMLElement>('#done-legal').hidden = !legal || savedForLater;
  const body = $<HTMLElement>('#done-body');
  body.dataset.t = legal ? 'doneBodyContact' : 'doneBody';
  body.textContent = inLang(TEXT[legal ? 'doneBodyContact' : 'doneBody'], lang);
  $<HTMLElement>('#receipt-code').textContent = receiptCode ?? '';
  $<HTMLElement>('.receipt').hidden = receiptCode === null;
  const done = $<HTMLElement>('#done');
  done.hidden = false;
  const title = $<HTMLElement>('.question', done);
  title.dataset.t = savedForLater ? 'savedTitle' : 'doneTitle';
  title.textContent = inLang(TEXT[savedForLater ? 'savedTitle' : 'doneTitle'], lang);
  if (savedForLater) showOutbox('savedBody', true);
  title.focus();
}

$<HTMLButtonElement>('#again').addEventListener('click', () => {
  $<HTMLElement>('#done').hidden = true;
  $<HTMLElement>('#receipt-code').textContent = '';
  form.hidden = false;
  $<HTMLElement>('nav.nav').hidden = false;
  current = 0;
  render(true);
});

// ---- start -----------------------------------------------------------------------------------

function fillYears(): void {
  const select = $<HTMLSelectElement>('select[name="year"]');
  const { year } = currentMonthParts(new Date());
  for (let y = Number(year); y >= Number(year) - 10; y--) {
    const option = document.createElement('option');
    option.value = String(y);
    option.textContent = String(y);
    select.append(option);
  }
}

fillYears();
render(false);
registerServiceWorker();
// The heavy part (libsodium, sealing) while the person reads and answers; a report waiting from
// an earlier visit is looked for then too (sending it needs libsodium).
afterFirstPaint(() => {
  loadSealer();
  void flushOutbox();
});
