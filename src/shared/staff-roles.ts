// What each staff role may do. Pure, so the workspace pages can hide what the server would
// refuse anyway; the server is what enforces it.
export const STAFF_ROLES = ['admin', 'caseworker', 'analyst'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = [
  'read_reports', // receive boxes and decrypt them in the browser
  'triage', // change status, add notes, reply
  'manage_staff',
  'read_audit',
  'read_stats',
  // Exact, live, suppressed counts of the organisation's own reports (never public).
  'exact_stats',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<StaffRole, readonly Permission[]> = {
  // An admin holds the key to hand it to caseworkers, so reading is no extra power.
  admin: ['read_reports', 'triage', 'manage_staff', 'read_audit', 'read_stats', 'exact_stats'],
  caseworker: ['read_reports', 'triage', 'read_stats'],
  // Analysts work with counts only and never receive a box.
  analyst: ['read_stats', 'exact_stats'],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Analysts never decrypt, so they hold no wrapped key. */
export function holdsKey(role: StaffRole): boolean {
  return can(role, 'read_reports');
}
