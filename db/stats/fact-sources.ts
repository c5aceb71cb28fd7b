import type { Dimension } from '../../src/statistics/tables.ts';

// Each dimension maps to a fixed column (and, for multi-valued facts, a join that gives one row
// per code of the report's JSON array). Only these whitelisted fragments ever reach the SQL
// text; values are bound parameters.
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
  perpetrator: { column: 'p.value', join: 'join json_each(r.perpetrators) p' },
  violence: { column: 'v.value', join: 'join json_each(r.violence) v' },
};
