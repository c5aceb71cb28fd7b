// Reports sent to a running server through its API, sealed to its advocacy organisation as the
// form would (the boxes are real; the test never opens them). Proof of work must be off.
import { expect } from 'vitest';
import { fromBase64, loadSodium } from '../../src/crypto.ts';
import type { Facts } from '../../src/schemas.ts';
import type { TestOrg } from './app.ts';
import { monthsAgo } from './months.ts';
import { sealedSubmission, validFacts } from './reports.ts';

export type ServerOrg = { advocacy: TestOrg };

/** The server's advocacy organisation, with its public key (no secret key). */
export async function serverAdvocacy(url: string): Promise<ServerOrg> {
  const sodium = await loadSodium();
  const { recipients } = (await (await fetch(`${url}/api/recipients`)).json()) as {
    recipients: Array<{ id: string; role: 'advocacy' | 'legal_aid'; publicKey: string }>;
  };
  const advocacy = recipients.find((r) => r.role === 'advocacy');
  if (!advocacy) throw new Error('no advocacy organisation');
  return {
    advocacy: {
      ...advocacy,
      publicKey: fromBase64(sodium, advocacy.publicKey),
      secretKey: new Uint8Array(),
    },
  };
}

export async function submitToServer(
  url: string,
  org: ServerOrg,
  times: number,
  facts: Partial<Facts>,
): Promise<void> {
  for (let i = 0; i < times; i++) {
    const body = await sealedSubmission(org, {
      facts: validFacts({ incidentMonth: monthsAgo(2), ...facts }),
    });
    const res = await fetch(`${url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
  }
}
