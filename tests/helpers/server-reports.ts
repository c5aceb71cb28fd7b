// Reports sent to a running server through its API, sealed to its organisations as the form
// would (the boxes are real; the test never opens them).
import { expect } from 'vitest';
import type { Facts, ReportSubmission } from '../../src/contract/schemas.ts';
import { solve } from '../../src/crypto/pow.ts';
import { fromBase64, loadSodium } from '../../src/crypto/sodium.ts';
import type { TestOrg } from './app.ts';
import { monthsAgo } from './months.ts';
import { sealedSubmission, validFacts } from './reports.ts';

export type ServerOrg = { advocacy: TestOrg };
export type ServerOrgs = { advocacy: TestOrg; legal: TestOrg };

async function serverOrg(url: string, role: 'advocacy' | 'legal_aid'): Promise<TestOrg> {
  const sodium = await loadSodium();
  const { recipients } = (await (await fetch(`${url}/api/recipients`)).json()) as {
    recipients: Array<{ id: string; role: 'advocacy' | 'legal_aid'; publicKey: string }>;
  };
  const found = recipients.find((r) => r.role === role);
  if (!found) throw new Error(`no ${role} organisation`);
  return { ...found, publicKey: fromBase64(sodium, found.publicKey), secretKey: new Uint8Array() };
}

/** The server's advocacy organisation, with its public key (no secret key). */
export async function serverAdvocacy(url: string): Promise<ServerOrg> {
  return { advocacy: await serverOrg(url, 'advocacy') };
}

/** The server's advocacy and legal-aid organisations, with their public keys (no secret keys). */
export async function serverOrgs(url: string): Promise<ServerOrgs> {
  return { advocacy: await serverOrg(url, 'advocacy'), legal: await serverOrg(url, 'legal_aid') };
}

/** Posts a report with a solved proof of work, as anyone on the internet could. */
export async function submitWithProof(url: string, submission: ReportSubmission): Promise<void> {
  const sodium = await loadSodium();
  const { challenge, difficulty } = (await (await fetch(`${url}/api/pow`)).json()) as {
    challenge: string;
    difficulty: number;
  };
  const nonce = await solve(sodium, challenge, difficulty);
  const res = await fetch(`${url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...submission, pow: { challenge, nonce } }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** Proof of work must be off on the server. */
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
