// The words of the statistics pages (catalogue: stats).
import { pairs } from '../../lib/i18n.ts';
import { stats } from '../../lib/messages/catalogues.ts';

export const STATS_TEXT = /* @__PURE__ */ pairs(stats);
export type StatsTextKey = keyof typeof STATS_TEXT;
