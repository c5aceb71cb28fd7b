// What each audit-log action means, in words staff read (catalogue: audit). An action missing
// there is shown by its code, so a new one is never hidden. Times: formatMoment in i18n.ts.
import { pairs, type Said } from '../../lib/i18n.ts';
import { audit } from '../../lib/messages/catalogues.ts';

export const AUDIT_ACTION_LABELS: Record<string, Said> = /* @__PURE__ */ pairs(audit);
