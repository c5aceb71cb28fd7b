// Who may do what, and which status moves exist: the rules the server enforces and the pages
// follow.
import { describe, expect, it } from 'vitest';
import {
  CASE_STATUSES,
  caseMoves,
  TRIAGE_STATUSES,
  triageMoves,
} from '../../../src/shared/case-status.ts';
import { can, holdsKey, PERMISSIONS, STAFF_ROLES } from '../../../src/shared/staff-roles.ts';

describe('roles', () => {
  it('analysts may read statistics and nothing else; only admins manage staff and read the log', () => {
    const table = Object.fromEntries(
      STAFF_ROLES.map((r) => [r, PERMISSIONS.filter((p) => can(r, p))]),
    );
    // Exact figures (GET /api/org/stats) are for analysts and admins, not caseworkers.
    expect(table).toEqual({
      admin: ['read_reports', 'triage', 'manage_staff', 'read_audit', 'read_stats', 'exact_stats'],
      caseworker: ['read_reports', 'triage', 'read_stats'],
      analyst: ['read_stats', 'exact_stats'],
    });
    expect(STAFF_ROLES.filter(holdsKey)).toEqual(['admin', 'caseworker']);
  });
});

describe('status moves', () => {
  it('triage starts at new and reaches verified, duplicate, spam or closed only through review', () => {
    expect(triageMoves('new')).toEqual(['in_review']);
    expect(triageMoves('in_review')).toEqual(['verified', 'duplicate', 'spam', 'closed']);
    for (const s of TRIAGE_STATUSES) expect(triageMoves(s)).not.toContain('new');
  });

  it('a legal-aid case goes new → contacted → accepted | referred → closed, and closed is final', () => {
    expect(caseMoves('new')).toEqual(['contacted']);
    expect(caseMoves('contacted')).toEqual(['accepted', 'referred']);
    expect(caseMoves('accepted')).toEqual(['closed']);
    expect(caseMoves('referred')).toEqual(['closed']);
    expect(caseMoves('closed')).toEqual([]);
    for (const s of CASE_STATUSES) expect(caseMoves(s)).not.toContain(s);
  });
});
