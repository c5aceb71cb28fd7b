// The report form: one question per step, quick exit everywhere, nothing written to storage,
// cookies or the URL. libsodium and sealing load in the background after first paint.
import type { ReportDraft } from '../../../src/envelope.ts';
import type { Recipient } from '../../../src/schemas.ts';
import type { Label } from '../../../src/vocabulary.ts';
import { type Lang, MONTH_NAMES, TEXT, type TextKey, t } from '../i18n.ts';
import { installQuickExit } from '../quick-exit.ts';
import { VOCAB_LISTS, type VocabList } from '../vocab-lists.ts';
import { readAnswers, STEPS, type StepId } from './answers.ts';
import { putWaiting } from './outbox.ts';
import { startOutboxPanel } from './outbox-panel.ts';
import { currentMonthParts } from './util.ts';

const QUESTIONS = STEPS.length - 2; // neither the intro nor the review counts as a question

const $ = <T extends Element>(selector: string, root: ParentNode = document): T => {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
};

const form = $<HTMLFormElement>('#report');
const { value, draft, validate } = readAnswers(form);
const nextButton = $<HTMLButtonElement>('#next');
const backButton = $<HTMLButtonElement>('#back');
const progress = $<HTMLParagraphElement>('.progress');

let lang: Lang = 'es';
let current = 0;
let sending = false;
let sealer: Promise<typeof import('./seal.ts')> | null = null;
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
  sealer = import('./seal.ts');
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

installQuickExit($<HTMLAnchorElement>('#quick-exit'), () => undefined);

// ---- language -----------------------------------------------------------------------------

function applyLanguage(): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const key = el.dataset.t as TextKey;
    if (key in TEXT) el.textContent = TEXT[key][lang];
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-v]')) {
    const [list, code] = (el.dataset.v ?? '').split(':') as [VocabList, string];
    const entry = (VOCAB_LISTS[list] as ReadonlyArray<readonly [string, Label]>).find(
      ([c]) => c === code,
    );
    if (entry) el.textContent = entry[1][lang];
  }
  for (const el of document.querySelectorAll<HTMLOptionElement>('option[data-month]')) {
    el.textContent = MONTH_NAMES[lang][Number(el.dataset.month)] ?? '';
  }
  const switcher = $<HTMLButtonElement>('#switch-lang');
  switcher.lang = lang === 'es' ? 'en' : 'es';
  switcher.setAttribute('aria-label', TEXT.switchLangLabel[lang]);
  $<HTMLElement>('nav.nav').setAttribute('aria-label', lang === 'es' ? 'Pasos' : 'Steps');
  render(false);
}
$<HTMLButtonElement>('#switch-lang').addEventListener('click', () => {
  lang = lang === 'es' ? 'en' : 'es';
  applyLanguage();
});

// ---- showing steps ---------------------------------------------------------------------------

function labelFor(list: VocabList, code: string): string {
  const entry = (VOCAB_LISTS[list] as ReadonlyArray<readonly [string, Label]>).find(
    ([c]) => c === code,
  );
  return entry ? entry[1][lang] : code;
}

function renderSummary(): void {
  const d = draft();
  const [year, month] = d.facts.incidentMonth.split('-');
  const rows: Array<[TextKey, string]> = [
    ['monthQ', `${MONTH_NAMES[lang][Number(month) - 1] ?? ''} ${year ?? ''}`],
    ['regionQ', labelFor('region', d.facts.region)],
    ['perpetratorQ', d.facts.perpetrators.map((c) => labelFor('perpetrators', c)).join(', ')],
    ['violenceQ', d.facts.violence.map((c) => labelFor('violence', c)).join(', ')],
    ['legalQ', TEXT[d.legalAid ? 'legalYes' : 'legalNo'][lang]],
  ];
  const list = $<HTMLDListElement>('.summary');
  list.replaceChildren(
    ...rows.flatMap(([key, text]) => {
      const dt = document.createElement('dt');
      dt.textContent = TEXT[key][lang];
      const dd = document.createElement('dd');
      dd.textContent = text;
      return [dt, dd];
    }),
  );
}

function showError(step: StepId, key: TextKey | null): void {
  const box = document.querySelector<HTMLElement>(`[data-step="${step}"] .error`);
  if (!box) return;
  box.hidden = key === null;
  box.textContent = key ? TEXT[key][lang] : '';
}

function render(moveFocus: boolean): void {
  const id = STEPS[current] ?? 'intro';
  for (const section of document.querySelectorAll<HTMLElement>('.step')) {
    section.hidden = section.dataset.step !== id;
  }
  backButton.hidden = current === 0;
  const nextKey: TextKey = id === 'intro' ? 'start' : id === 'review' ? 'send' : 'next';
  nextButton.dataset.t = nextKey;
  nextButton.textContent = TEXT[nextKey][lang];
  progress.textContent =
    id === 'intro' || id === 'review' ? '' : t('stepOf', lang, { n: current, total: QUESTIONS });
  if (id === 'review') renderSummary();
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
    document
      .querySelector<HTMLElement>(`[data-step="${id}"] input, [data-step="${id}"] select`)
      ?.focus();
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
  el.textContent = key ? TEXT[key][lang] : '';
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
    const outcome = await seal.send(submission, () => status('retrying'));
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
  seal: typeof import('./seal.ts'),
  submission: Parameters<typeof seal.sealForLater>[0],
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
  body.textContent = TEXT[legal ? 'doneBodyContact' : 'doneBody'][lang];
  $<HTMLElement>('#receipt-code').textContent = receiptCode ?? '';
  $<HTMLElement>('.receipt').hidden = receiptCode === null;
  const done = $<HTMLElement>('#done');
  done.hidden = false;
  const title = $<HTMLElement>('.question', done);
  title.dataset.t = savedForLater ? 'savedTitle' : 'doneTitle';
  title.textContent = TEXT[savedForLater ? 'savedTitle' : 'doneTitle'][lang];
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
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {
    // No service worker (plain HTTP, or a private window): the form still works online.
  });
}
/**
 * Runs `work` once the browser reports the first paint (Paint Timing), so the heavy download
 * never competes with the first screen; at the latest after 3 s, for a browser without Paint
 * Timing or a tab that is not shown (which does not paint).
 */
function afterFirstPaint(work: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    work();
  };
  try {
    const observer = new PerformanceObserver(() => {
      observer.disconnect();
      window.setTimeout(once, 0);
    });
    observer.observe({ type: 'paint', buffered: true });
  } catch {
    // No Paint Timing: the timer below starts it.
  }
  window.setTimeout(once, 3_000);
}

// The heavy part (libsodium, sealing) while the person reads and answers; a report waiting from
// an earlier visit is looked for then too (sending it needs libsodium).
afterFirstPaint(() => {
  loadSealer();
  void flushOutbox();
});
