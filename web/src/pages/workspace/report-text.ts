// The workspace's words about reports (catalogue: report): the inbox, a report's card, the
// legal-aid intake and the exact figures.
import { pairs } from '../../lib/i18n.ts';
import { report } from '../../lib/messages/catalogues.ts';

export const REPORT_TEXT = /* @__PURE__ */ pairs(report);
