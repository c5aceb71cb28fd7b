// Plain words for statuses, for the workspace and the follow-up page (catalogues: triage,
// caseStatus).
import type { CaseStatus, TriageStatus } from '../../../src/shared/case-status.ts';
import { pairs, type Said } from './i18n.ts';
import { caseStatus, triage } from './messages/catalogues.ts';

export const TRIAGE_LABELS: Record<TriageStatus, Said> = /* @__PURE__ */ pairs(triage);
export const CASE_LABELS: Record<CaseStatus, Said> = /* @__PURE__ */ pairs(caseStatus);
