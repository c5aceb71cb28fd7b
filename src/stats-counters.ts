// What a report adds to the counter tables, and which counter rows answer a query. Pure: the
// database layer turns these into upserts and range reads.
import type { GbvType } from './gbvims.ts';
import type { Facts } from './schemas.ts';
import { FIXED_DIMENSIONS, type FixedDimension } from './stats.ts';

export const COUNTER_DIMENSIONS = Object.keys(FIXED_DIMENSIONS) as FixedDimension[];
/** A counter row answers questions about at most this many facts at once. */
export const MAX_COUNTER_KEYS = 2;

/** The counted facts of one report, one list of codes per dimension. */
export type CounterFacts = Readonly<Record<FixedDimension, readonly string[]>>;
export type CounterKey = { pair: string; a: string; b: string };

/** Dimensions in their fixed order, so that {region, perpetrator} has one name. */
export function pairName(dims: readonly FixedDimension[]): string {
  return [...dims]
    .sort((x, y) => COUNTER_DIMENSIONS.indexOf(x) - COUNTER_DIMENSIONS.indexOf(y))
    .join('|');
}

export function pairDimensions(pair: string): FixedDimension[] {
  return pair ? (pair.split('|') as FixedDimension[]) : [];
}

/**
 * Every counter row one report adds 1 to (per time bucket): the total, each value of each
 * fact, and each combination of values of each two facts. A report with two perpetrators adds
 * to both, which is the counting rule for multi-valued facts.
 */
export function counterKeys(facts: CounterFacts): CounterKey[] {
  const keys: CounterKey[] = [{ pair: '', a: '', b: '' }];
  COUNTER_DIMENSIONS.forEach((d1, i) => {
    for (const a of facts[d1]) keys.push({ pair: d1, a, b: '' });
    for (const d2 of COUNTER_DIMENSIONS.slice(i + 1)) {
      const pair = `${d1}|${d2}`;
      for (const a of facts[d1]) for (const b of facts[d2]) keys.push({ pair, a, b });
    }
  });
  return keys;
}

/** The counted facts of a report as it is stored. */
export function countedFacts(facts: Omit<Facts, 'incidentMonth'>, gbvType: GbvType): CounterFacts {
  return {
    region: [facts.region],
    perpetrator: facts.perpetrators,
    violence: facts.violence,
    identity: [facts.identity],
    ageBand: [facts.ageBand],
    nationality: [facts.nationality],
    setting: [facts.setting],
    reportedToAuthority: [facts.reportedToAuthority],
    channel: [facts.channel],
    gbvType: [gbvType],
  };
}
