// The follow-up page's words (catalogue: followUp).
import { pairs } from '../../lib/i18n.ts';
import { followUp } from '../../lib/messages/catalogues.ts';

export const FOLLOW_UP_TEXT = /* @__PURE__ */ pairs(followUp);
