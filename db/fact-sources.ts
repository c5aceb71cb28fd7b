import type { Dimension } from '../src/stats.ts';

// Each dimension maps to a fixed column (and, for multi-valued facts, a join). Only these
// whitelisted fragments ever reach the SQL text; values are bound parameters.
export const SOURCES: Record<Dimension, { column: string; join?: string }> = {
  month: { column: 'r.incident_month' },
  region: { column: 'r.region' },
  identity: { column: 'r.identity' },
  ageBand: { column: 'r.age_band' },
  nationality: { column: 'r.nationality' },
  setting: { column: 'r.setting' },
  reportedToAuthority: { column: 'r.reported_to_authority' },
  channel: { column: 'r.channel' },
  gbvType: { column: 'r.gbv_type' },
  perpetrator: {
    column: 'p.code',
    join: 'join report_perpetrators p on p.report_id = r.id',
  },
  violence: { column: 'v.code', join: 'join report_violence v on v.report_id = r.id' },
};
