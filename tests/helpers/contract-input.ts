// What a client might send the submission contract (src/contract/schemas.ts), built plainly
// rather than sealed: a whole set of facts, boxes of a chosen size, a submission; and the paths
// of the issues zod reports about them.
import { randomUUID } from 'node:crypto';
import type { Facts } from '../../src/contract/schemas.ts';
import { monthsAgo } from './months.ts';

/** A complete, valid set of facts (incident two months ago), with `overrides` put over it. */
export function facts(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Facts = {
    incidentMonth: monthsAgo(2),
    region: '1501',
    perpetrators: ['police', 'serenazgo'],
    violence: ['sexual_extortion', 'detention'],
    identity: 'trans_woman',
    ageBand: '18_24',
    nationality: 'venezuelan',
    setting: 'police_premises',
    reportedToAuthority: 'refused',
    channel: 'assisted',
  };
  return { ...base, ...overrides };
}

/** `bytes` bytes of `fill`, in standard padded base64. */
export const boxOf = (bytes: number, fill = 7): string =>
  Buffer.alloc(bytes, fill).toString('base64');

/** A sealed box as the contract sees it: a recipient and base64 of a valid length by default. */
export const box = (
  recipient = 'org-a',
  bytes = 48 + 1024,
): { recipient: string; box: string } => ({ recipient, box: boxOf(bytes) });

/** A valid submission: a fresh id, `facts()` and one box, with `overrides` put over it. */
export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: randomUUID(), facts: facts(), sealed: [box()], ...overrides };
}

/** The dotted paths of the issues zod reports. */
export function issuePaths(result: {
  success: boolean;
  error?: { issues: Array<{ path: PropertyKey[] }> };
}): string[] {
  return (result.error?.issues ?? []).map((i) => i.path.map(String).join('.'));
}
