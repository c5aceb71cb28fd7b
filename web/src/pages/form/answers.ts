// Reading the person's answers from the form: the values, the checks that keep them from
// going on without an answer, and the draft that gets sealed.
import type { Contact, Identifiers, ReportDraft } from '../../../../src/contract/envelope.ts';
import type { IdentifierKind } from '../../../../src/crypto/identifiers.ts';
import { namedIdentifiers } from '../../../../src/crypto/named-identifiers.ts';
import { incidentMonthProblem } from '../../../../src/shared/months.ts';
import type { TextKey } from '../../lib/i18n.ts';
import { newReportId } from './util.ts';

export const STEPS = [
  'intro',
  'channel',
  'month',
  'region',
  'perpetrators',
  'violence',
  'identity',
  'ageBand',
  'nationality',
  'setting',
  'reportedToAuthority',
  'narrative',
  'details',
  'legalAid',
  'review',
] as const;
export type StepId = (typeof STEPS)[number];

export type Answers = {
  value: (name: string) => string;
  draft: () => ReportDraft;
  validate: (step: StepId) => TextKey | null;
};

// The identifier fields of the details step, by the name each has in the sealed document.
const IDENTIFIER_FIELDS = [
  ['phone', 'idPhone'],
  ['plate', 'idPlate'],
  ['social', 'idSocial'],
  ['badge', 'idBadge'],
  ['unit', 'idUnit'],
] as const;
const IDENTIFIER_ERRORS: Record<IdentifierKind, TextKey> = {
  phone: 'errorPhone',
  plate: 'errorPlate',
  social: 'errorSocial',
  badge: 'errorBadge',
};

/** The field to put the cursor in when a step shows this error (else the step's first). */
export const FIELD_OF_ERROR: Partial<Record<TextKey, string>> = {
  errorPhone: 'idPhone',
  errorPlate: 'idPlate',
  errorSocial: 'idSocial',
  errorBadge: 'idBadge',
};

export function readAnswers(form: HTMLFormElement): Answers {
  const value = (name: string): string => {
    const field = form.elements.namedItem(name);
    if (field instanceof RadioNodeList) return field.value;
    if (field instanceof HTMLInputElement && field.type === 'checkbox') {
      return field.checked ? field.value : '';
    }
    if (
      field instanceof HTMLInputElement ||
      field instanceof HTMLSelectElement ||
      field instanceof HTMLTextAreaElement
    ) {
      return field.value;
    }
    return '';
  };
  const checked = (name: string): string[] =>
    [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map(
      (i) => i.value,
    );
  const orUndisclosed = (name: string): string => value(name) || 'undisclosed';

  function incidentMonth(): string {
    return value('year') && value('month') ? `${value('year')}-${value('month')}` : '';
  }

  function validate(step: StepId): TextKey | null {
    switch (step) {
      case 'channel':
      case 'reportedToAuthority':
      case 'legalAid':
      case 'region':
        if (!value(step)) return 'errorRequired';
        if (step === 'legalAid' && value('legalAid') === 'yes') {
          if (!value('contactValue').trim() || !value('consent')) return 'errorContact';
        }
        return null;
      case 'month': {
        const month = incidentMonth();
        if (!month) return 'errorMonth';
        const problem = incidentMonthProblem(month, new Date());
        if (!problem) return null;
        return problem.includes('future') ? 'errorFuture' : 'errorTooOld';
      }
      case 'perpetrators':
      case 'violence':
        return checked(step).length ? null : 'errorRequired';
      case 'details': {
        const wrong = namedIdentifiers(identifiers()).wrong[0];
        return wrong ? IDENTIFIER_ERRORS[wrong] : null;
      }
      default:
        return null;
    }
  }

  function identifiers(): Identifiers | undefined {
    const ids: Identifiers = {};
    for (const [field, name] of IDENTIFIER_FIELDS) {
      const typed = value(name).trim();
      if (typed) ids[field] = typed;
    }
    const site = value('idSocialSite');
    if (ids.social && site) ids.socialSite = site as Identifiers['socialSite'];
    return Object.keys(ids).length ? ids : undefined;
  }

  function draft(): ReportDraft {
    const legalAid: { contact: Contact } | null =
      value('legalAid') === 'yes'
        ? {
            contact: {
              method: value('contactMethod') as Contact['method'],
              value: value('contactValue').trim(),
              ...(value('safeTimes').trim() ? { safeTimes: value('safeTimes').trim() } : {}),
              needs: checked('needs') as NonNullable<Contact['needs']>,
            },
          }
        : null;
    const details: ReportDraft['details'] = {};
    if (value('exactDate')) details.exactDate = value('exactDate');
    if (value('place').trim()) details.place = value('place').trim();
    if (value('perpetratorDetails').trim())
      details.perpetratorDetails = value('perpetratorDetails').trim();
    const named = identifiers();
    if (named) details.identifiers = named;
    const narrative = value('narrative').trim();
    return {
      reportId: newReportId(),
      facts: {
        incidentMonth: incidentMonth(),
        region: value('region') as ReportDraft['facts']['region'],
        perpetrators: checked('perpetrators') as ReportDraft['facts']['perpetrators'],
        violence: checked('violence') as ReportDraft['facts']['violence'],
        identity: orUndisclosed('identity') as ReportDraft['facts']['identity'],
        ageBand: orUndisclosed('ageBand') as ReportDraft['facts']['ageBand'],
        nationality: orUndisclosed('nationality') as ReportDraft['facts']['nationality'],
        setting: orUndisclosed('setting') as ReportDraft['facts']['setting'],
        reportedToAuthority: value(
          'reportedToAuthority',
        ) as ReportDraft['facts']['reportedToAuthority'],
        channel: value('channel') as ReportDraft['facts']['channel'],
      },
      ...(narrative ? { narrative } : {}),
      details,
      legalAid,
    };
  }

  return { value, draft, validate };
}
