// Sends `times` sealed reports to a test app, each with these facts over a month-ago default;
// each must be stored (201). Returns their ids.
import { expect } from 'vitest';
import type { Facts } from '../../src/contract/schemas.ts';
import type { TestApp } from './app.ts';
import { monthsAgo } from './months.ts';
import { sealedSubmission, validFacts } from './reports.ts';

export async function submitRecent(
  t: TestApp,
  times: number,
  facts: Partial<Facts>,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < times; i++) {
    const body = await sealedSubmission(t.orgs, {
      facts: validFacts({ incidentMonth: monthsAgo(1), ...facts }),
    });
    const res = await t.app.inject({ method: 'POST', url: '/api/reports', payload: body });
    expect(res.statusCode).toBe(201);
    ids.push(body.id);
  }
  return ids;
}
