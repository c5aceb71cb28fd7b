// The retry identity of a report: the SHA-256 of JSON.stringify({ id, facts, sealed, followUp }).
// reportBodyHash streams it without building the string; it must give the same digest, or a
// retry of a report stored earlier would be refused as a conflict.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { reportBodyHash } from '../../api/services/reporter/submit-report.ts';
import { ReportSubmissionSchema } from '../../src/contract/schemas.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { sealedSubmission, validFacts } from '../helpers/reports.ts';

const definition = (s: {
  id: string;
  facts: unknown;
  sealed: unknown;
  followUp?: unknown;
}): string => {
  const { id, facts, sealed, followUp } = s;
  return createHash('sha256').update(JSON.stringify({ id, facts, sealed, followUp })).digest('hex');
};

let t: TestApp | undefined;
afterEach(async () => t?.app.close());

describe('reportBodyHash', () => {
  it('is the digest of the JSON definition for any boxes, recipients and receipt', () => {
    fc.assert(
      fc.property(
        fc.uuid({ version: 4 }),
        fc.array(
          fc.record({
            // Recipient ids are free text here, quotes, backslashes and all.
            recipient: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
            box: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('base64')),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.option(
          fc.record({
            lookupHash: fc.stringMatching(/^[0-9a-f]{64}$/),
            replyPublicKey: fc
              .uint8Array({ minLength: 32, maxLength: 32 })
              .map((b) => Buffer.from(b).toString('base64')),
          }),
          { nil: undefined },
        ),
        fc.constantFrom('1501', '15', '25'),
        (id, sealed, followUp, region) => {
          const submission = {
            id,
            facts: validFacts({ region: region as never }),
            sealed,
            ...(followUp ? { followUp } : {}),
          };
          expect(reportBodyHash(submission as never)).toBe(definition(submission));
        },
      ),
    );
  });

  it('matches the definition on a real submission as the server parses it', async () => {
    t = await buildTestApp();
    const body = await sealedSubmission(t.orgs, {
      legalAid: { contact: { method: 'phone_call', value: '900000000' } },
    });
    const withReceipt = {
      ...body,
      followUp: {
        lookupHash: 'ab'.repeat(32),
        replyPublicKey: Buffer.alloc(32, 7).toString('base64'),
      },
      referrer: '',
    };
    const parsed = ReportSubmissionSchema.parse(withReceipt);
    expect(parsed.sealed.length).toBe(2);
    expect(reportBodyHash(parsed)).toBe(definition(parsed));
    // The proof of work and the honeypot are not part of it.
    expect(reportBodyHash({ ...parsed, referrer: 'x' })).toBe(reportBodyHash(parsed));
  });
});
