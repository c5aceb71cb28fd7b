// The workspace's words (catalogues: workspace, roles, errors): the page, sign-in, the account,
// the staff and the audit log. The words about reports are in report-text.ts.
import type { StaffRole } from '../../../../src/shared/staff-roles.ts';
import { pairs, type Said } from '../../lib/i18n.ts';
import { errors, roles, workspace } from '../../lib/messages/catalogues.ts';

export const WORKSPACE_TEXT = /* @__PURE__ */ pairs(workspace);
export const ROLE_NAMES: Record<StaffRole, Said> = /* @__PURE__ */ pairs(roles);
/** The server's error codes (`{error:{code}}`), in the words a member reads. */
export const ERROR_TEXT: Record<string, Said> = /* @__PURE__ */ pairs(errors);
