// Triage and legal-aid case statuses and the moves between them. Pure: the workspace pages
// offer only the moves the server will accept.
export const TRIAGE_STATUSES = [
  'new',
  'in_review',
  'verified',
  'duplicate',
  'spam',
  'closed',
] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export const CASE_STATUSES = ['new', 'contacted', 'accepted', 'referred', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const TRIAGE_MOVES: Record<TriageStatus, readonly TriageStatus[]> = {
  new: ['in_review'],
  in_review: ['verified', 'duplicate', 'spam', 'closed'],
  verified: ['closed'],
  duplicate: ['in_review'],
  spam: ['in_review'],
  closed: ['in_review'],
};

const CASE_MOVES: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['contacted'],
  contacted: ['accepted', 'referred'],
  accepted: ['closed'],
  referred: ['closed'],
  closed: [],
};

export function triageMoves(from: TriageStatus): readonly TriageStatus[] {
  return TRIAGE_MOVES[from];
}

export function caseMoves(from: CaseStatus): readonly CaseStatus[] {
  return CASE_MOVES[from];
}
