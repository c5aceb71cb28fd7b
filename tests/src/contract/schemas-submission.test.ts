// The rest of the submission contract: the server checks everything it can without opening a
// box (its base64, its length, its recipient), and the submission's id and boxes as a whole.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64DecodedLength,
  MAX_RECIPIENTS,
  ReportSubmissionSchema,
  SealedBoxSchema,
  sealedBoxLengthProblem,
} from '../../../src/contract/schemas.ts';
import { box, boxOf, facts, issuePaths, submission } from '../../helpers/contract-input.ts';

describe('base64DecodedLength', () => {
  it.each([
    ['', 0],
    ['QQ==', 1],
    ['QUI=', 2],
    ['QUJD', 3],
    ['+/+/', 3],
  ])('decodes %j to %i bytes', (text, bytes) => {
    expect(base64DecodedLength(text)).toBe(bytes);
  });

  it('gives the same answers in the browser, where there is no Buffer', () => {
    const texts = ['', 'QQ==', 'QUI=', 'QUJD', '+/+/', 'QQ', 'Q===', '-_-_', 'QU I=', 'QU=I'];
    const onServer = texts.map(base64DecodedLength);
    const saved = globalThis.Buffer;
    try {
      (globalThis as { Buffer?: unknown }).Buffer = undefined;
      expect(texts.map(base64DecodedLength)).toEqual(onServer);
    } finally {
      globalThis.Buffer = saved;
    }
    expect(onServer).toEqual([0, 1, 2, 3, 3, -1, -1, -1, -1, -1]);
  });

  it('gives the length of any bytes encoded, and accepts only the standard alphabet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base64DecodedLength(Buffer.from(bytes).toString('base64'))).toBe(bytes.length);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'AQgw+/=-_ \n.'.split('')), maxLength: 24 }),
        (text) => {
          if (base64DecodedLength(text) >= 0) {
            expect(text).toMatch(
              /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
            );
          }
        },
      ),
    );
  });

  it.each(['QQ', 'QUI', 'Q===', '-_-_', 'QQ==QQ==', 'QU I=', 'QUJD\n', 'QU=I'])(
    'refuses %j as not standard padded base64',
    (text) => {
      expect(base64DecodedLength(text)).toBe(-1);
    },
  );
});

describe('sealedBoxLengthProblem', () => {
  it('allows 48 + n·1024 bytes up to 64 KiB and nothing else', () => {
    expect(sealedBoxLengthProblem(48 + 1024)).toBeNull();
    expect(sealedBoxLengthProblem(48 + 1024 * 63)).toBeNull();
    expect(sealedBoxLengthProblem(48 + 1024 * 64)).toBe('must be at most 65536 bytes');
    expect(sealedBoxLengthProblem(48 + 1023)).toMatch(/48 bytes plus a positive multiple of 1024/);
    expect(sealedBoxLengthProblem(48)).not.toBeNull();
  });
});

describe('SealedBoxSchema', () => {
  it.each([
    [48 + 1024, true],
    [48 + 1024 * 2, true],
    [48 + 1024 * 63, true],
    [48 + 1024 * 64, false],
    [48 + 1023, false],
    [48 + 1025, false],
    [48, false],
    [1024, false],
    [0, false],
  ])('a box of %i bytes is accepted: %s', (bytes, ok) => {
    expect(SealedBoxSchema.safeParse(box('org-a', bytes)).success).toBe(ok);
  });

  it('refuses unpadded base64 of a box with a valid length', () => {
    const text = boxOf(48 + 1024); // 1072 bytes: base64 ends in '=='
    expect(text.endsWith('==')).toBe(true);
    const result = SealedBoxSchema.safeParse({ recipient: 'org-a', box: text.replace(/=+$/, '') });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be standard base64 with padding');
  });

  it('refuses the url-safe alphabet', () => {
    const text = boxOf(48 + 1024, 0xff); // '////…'
    expect(SealedBoxSchema.safeParse({ recipient: 'org-a', box: text }).success).toBe(true);
    const urlSafe = text.replaceAll('/', '_').replaceAll('+', '-');
    expect(SealedBoxSchema.safeParse({ recipient: 'org-a', box: urlSafe }).success).toBe(false);
  });

  it('refuses base64 broken into lines', () => {
    const text = boxOf(48 + 1024);
    const wrapped = text.replace(/(.{76})/g, '$1\n');
    expect(SealedBoxSchema.safeParse({ recipient: 'org-a', box: wrapped }).success).toBe(false);
  });

  it('refuses an unknown field and an empty recipient', () => {
    expect(SealedBoxSchema.safeParse({ ...box(), nonce: 'AAAA' }).success).toBe(false);
    expect(SealedBoxSchema.safeParse(box('')).success).toBe(false);
  });
});

describe('ReportSubmissionSchema', () => {
  it('accepts a valid submission', () => {
    expect(ReportSubmissionSchema.safeParse(submission()).success).toBe(true);
  });

  it('rejects unknown fields at the top level, in facts and in a sealed box', () => {
    const top = ReportSubmissionSchema.safeParse(submission({ ip: '203.0.113.7' }));
    const inFacts = ReportSubmissionSchema.safeParse(submission({ facts: facts({ name: 'Ana' }) }));
    const inBox = ReportSubmissionSchema.safeParse(
      submission({ sealed: [{ ...box(), plain: 'x' }] }),
    );
    expect(top.success).toBe(false);
    expect(inFacts.success).toBe(false);
    expect(issuePaths(inFacts)).toContain('facts');
    expect(inBox.success).toBe(false);
    expect(issuePaths(inBox)).toContain('sealed.0');
  });

  it.each([
    ['not a uuid', 'report-1'],
    ['a v1 uuid', 'a8098c1a-f86e-11da-bd1a-00112444be1e'],
    ['a v5 uuid', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    ['the nil uuid', '00000000-0000-0000-0000-000000000000'],
    ['a v4 uuid with a bad variant', '3b241101-e2bb-4255-ccaf-712e4f1d7c3e'],
    ['a number', 42],
  ])('refuses %s as the id', (_what, id) => {
    const result = ReportSubmissionSchema.safeParse(submission({ id }));
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toEqual(['id']);
  });

  it('refuses a submission without sealed boxes', () => {
    const result = ReportSubmissionSchema.safeParse(submission({ sealed: [] }));
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toContain('sealed');
  });

  it('refuses two boxes for the same recipient', () => {
    const result = ReportSubmissionSchema.safeParse(
      submission({ sealed: [box('org-a'), box('org-a')] }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must not have two boxes for the same recipient');
  });

  it(`allows up to ${MAX_RECIPIENTS} recipients and no more`, () => {
    const boxes = (n: number) => Array.from({ length: n }, (_, i) => box(`org-${i}`));
    expect(
      ReportSubmissionSchema.safeParse(submission({ sealed: boxes(MAX_RECIPIENTS) })).success,
    ).toBe(true);
    expect(
      ReportSubmissionSchema.safeParse(submission({ sealed: boxes(MAX_RECIPIENTS + 1) })).success,
    ).toBe(false);
  });

  it('names the box whose length is wrong', () => {
    const result = ReportSubmissionSchema.safeParse(
      submission({ sealed: [box('org-a'), box('org-b', 48 + 1023)] }),
    );
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toEqual(['sealed.1.box']);
  });
});
