// The OPRF against the published vectors, and the properties matching relies on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blind,
  blindEvaluate,
  deriveKeyPair,
  evaluate,
  expandMessageXmd,
  finalize,
  randomKey,
} from '../../../src/crypto/oprf.ts';
import { CryptoInputError, loadSodium } from '../../../src/crypto/sodium.ts';

const sodium = await loadSodium();
const hex = (h: string): Uint8Array => sodium.from_hex(h);
const toHex = (b: Uint8Array): string => sodium.to_hex(b);
const text = (t: string): Uint8Array => new TextEncoder().encode(t);

// RFC 9497 appendix A.1.1, OPRF(ristretto255, SHA-512), mode 0 (OPRF). Copied from
// poc/vectors/allVectors.json of github.com/cfrg/draft-irtf-cfrg-voprf at commit 43da59f, the
// draft that became RFC 9497 (the entry with identifier "ristretto255-SHA512" and mode 0).
const RFC9497_OPRF = {
  seed: 'a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3',
  keyInfo: '74657374206b6579',
  skSm: '5ebcea5ee37023ccb9fc2d2019f9d7737be85591ae8652ffa9ef0f4d37063b0e',
  vectors: [
    {
      input: '00',
      blind: '64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706',
      blindedElement: '609a0ae68c15a3cf6903766461307e5c8bb2f95e7e6550e1ffa2dc99e412803c',
      evaluationElement: '7ec6578ae5120958eb2db1745758ff379e77cb64fe77b0b2d8cc917ea0869c7e',
      output:
        '527759c3d9366f277d8c6020418d96bb393ba2afb20ff90df23fb7708264e2f3' +
        'ab9135e3bd69955851de4b1f9fe8a0973396719b7912ba9ee8aa7d0b5e24bcf6',
    },
    {
      input: '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a',
      blind: '64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706',
      blindedElement: 'da27ef466870f5f15296299850aa088629945a17d1f5b7f5ff043f76b3c06418',
      evaluationElement: 'b4cbf5a4f1eeda5a63ce7b77c7d23f461db3fcab0dd28e4e17cecb5c90d02c25',
      output:
        'f4a74c9c592497375e796aa837e907b1a045d34306a749db9f34221f7e750cb4' +
        'f2a6413a6bf6fa5e19ba6348eb673934a722a7ede2e7621306d18951e7cf2c73',
    },
  ],
};

// RFC 9380 appendix K.3, expand_message_xmd(SHA-512), DST "QUUX-V01-CS02-with-expander-SHA512-256".
// Copied from poc/vectors/expand_message_xmd_SHA512_38.json of
// github.com/cfrg/draft-irtf-cfrg-hash-to-curve at commit 664b135 (a selection of its ten cases).
const XMD_DST = 'QUUX-V01-CS02-with-expander-SHA512-256';
const XMD_VECTORS: { msg: string; len: number; uniform: string }[] = [
  {
    msg: '',
    len: 0x20,
    uniform: '6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba',
  },
  {
    msg: 'abc',
    len: 0x20,
    uniform: '0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc',
  },
  {
    msg: 'abcdef0123456789',
    len: 0x20,
    uniform: '087e45a86e2939ee8b91100af1583c4938e0f5fc6c9db4b107b83346bc967f58',
  },
  {
    msg: `q128_${'q'.repeat(128)}`,
    len: 0x20,
    uniform: '7336234ee9983902440f6bc35b348352013becd88938d2afec44311caf8356b3',
  },
  {
    msg: '',
    len: 0x80,
    uniform:
      '41b037d1734a5f8df225dd8c7de38f851efdb45c372887be655212d07251b921' +
      'b052b62eaed99b46f72f2ef4cc96bfaf254ebbbec091e1a3b9e4fb5e5b619d2e' +
      '0c5414800a1d882b62bb5cd1778f098b8eb6cb399d5d9d18f5d5842cf5d13d7e' +
      'b00a7cff859b605da678b318bd0e65ebff70bec88c753b159a805d2c89c55961',
  },
  {
    msg: 'abc',
    len: 0x80,
    uniform:
      '7f1dddd13c08b543f2e2037b14cefb255b44c83cc397c1786d975653e36a6b11' +
      'bdd7732d8b38adb4a0edc26a0cef4bb45217135456e58fbca1703cd6032cb134' +
      '7ee720b87972d63fbf232587043ed2901bce7f22610c0419751c065922b48843' +
      '1851041310ad659e4b23520e1772ab29dcdeb2002222a363f0c2b1c972b3efe1',
  },
  {
    msg: `a512_${'a'.repeat(512)}`,
    len: 0x80,
    uniform:
      '05b0bfef265dcee87654372777b7c44177e2ae4c13a27f103340d9cd11c86cb2' +
      '426ffcad5bd964080c2aee97f03be1ca18e30a1f14e27bc11ebbd650f305269c' +
      'c9fb1db08bf90bfc79b42a952b46daf810359e7bc36452684784a64952c343c5' +
      '2e5124cd1f71d474d5197fefc571a92929c9084ffe1112cf5eea5192ebff330b',
  },
];

describe('expand_message_xmd with SHA-512', () => {
  it.each(XMD_VECTORS)('matches RFC 9380 for msg of $msg.length bytes, $len bytes out', (v) => {
    expect(toHex(expandMessageXmd(sodium, text(v.msg), text(XMD_DST), v.len))).toBe(v.uniform);
  });

  it('refuses lengths it cannot produce and DSTs that would need hashing', () => {
    expect(() => expandMessageXmd(sodium, text('abc'), text(XMD_DST), 255 * 64 + 1)).toThrow();
    expect(() => expandMessageXmd(sodium, text('abc'), text(XMD_DST), 0)).toThrow();
    expect(() => expandMessageXmd(sodium, text('abc'), new Uint8Array(256), 32)).toThrow();
  });
});

describe('OPRF(ristretto255, SHA-512) against RFC 9497', () => {
  it('derives the published server key from the seed and key info', () => {
    const pair = deriveKeyPair(sodium, hex(RFC9497_OPRF.seed), hex(RFC9497_OPRF.keyInfo));
    expect(toHex(pair.secretKey)).toBe(RFC9497_OPRF.skSm);
    expect(toHex(pair.publicKey)).toBe(
      toHex(sodium.crypto_scalarmult_ristretto255_base(hex(RFC9497_OPRF.skSm))),
    );
  });

  it.each(RFC9497_OPRF.vectors)('reproduces every step for input $input', (v) => {
    const skS = hex(RFC9497_OPRF.skSm);
    const blinded = blind(sodium, hex(v.input), hex(v.blind));
    expect(toHex(blinded.blind)).toBe(v.blind);
    expect(toHex(blinded.blindedElement)).toBe(v.blindedElement);
    const evaluated = blindEvaluate(sodium, skS, blinded.blindedElement);
    expect(toHex(evaluated)).toBe(v.evaluationElement);
    expect(toHex(finalize(sodium, hex(v.input), blinded.blind, evaluated))).toBe(v.output);
    // The server's one-step Evaluate, with the input in hand, reaches the same output.
    expect(toHex(evaluate(sodium, skS, hex(v.input)))).toBe(v.output);
  });
});

/** One whole run of the protocol with a fresh random blind. */
function tag(key: Uint8Array, input: Uint8Array): Uint8Array {
  const b = blind(sodium, input);
  return finalize(sodium, input, b.blind, blindEvaluate(sodium, key, b.blindedElement));
}

const inputs = fc.uint8Array({ minLength: 0, maxLength: 64 });

describe('OPRF properties', () => {
  it('gives the same output whatever blind the client drew', () => {
    const key = randomKey(sodium);
    fc.assert(
      fc.property(inputs, (input) => {
        const first = blind(sodium, input);
        const second = blind(sodium, input);
        // The server sees unrelated points for the same input...
        expect(toHex(first.blindedElement)).not.toBe(toHex(second.blindedElement));
        // ...and the client still ends with the same output.
        expect(
          toHex(
            finalize(sodium, input, first.blind, blindEvaluate(sodium, key, first.blindedElement)),
          ),
        ).toBe(
          toHex(
            finalize(
              sodium,
              input,
              second.blind,
              blindEvaluate(sodium, key, second.blindedElement),
            ),
          ),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('gives different outputs for different inputs under one key', () => {
    const key = randomKey(sodium);
    fc.assert(
      fc.property(inputs, inputs, (a, b) => {
        fc.pre(toHex(a) !== toHex(b));
        expect(toHex(tag(key, a))).not.toBe(toHex(tag(key, b)));
      }),
      { numRuns: 50 },
    );
  });

  it('gives different outputs for the same input under different keys', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const one = randomKey(sodium);
        const other = randomKey(sodium);
        expect(toHex(tag(one, input))).not.toBe(toHex(tag(other, input)));
      }),
      { numRuns: 50 },
    );
  });

  it('changes the output when the evaluated element is replaced by another valid point', () => {
    const key = randomKey(sodium);
    fc.assert(
      fc.property(inputs, (input) => {
        const b = blind(sodium, input);
        const honest = blindEvaluate(sodium, key, b.blindedElement);
        const forged = sodium.crypto_core_ristretto255_add(
          honest,
          sodium.crypto_core_ristretto255_random(),
        );
        expect(toHex(finalize(sodium, input, b.blind, forged))).not.toBe(
          toHex(finalize(sodium, input, b.blind, honest)),
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe('OPRF input validation', () => {
  const key = randomKey(sodium);
  const valid = blind(sodium, text('+51987654321')).blindedElement;

  it.each([
    ['the identity', new Uint8Array(32)],
    ['a non-canonical encoding', new Uint8Array(32).fill(0xff)],
    ['a short element', valid.slice(0, 31)],
    ['a long element', new Uint8Array([...valid, 0])],
    ['an empty element', new Uint8Array(0)],
  ])('the server refuses %s as a blinded element with CryptoInputError', (_what, element) => {
    expect(() => blindEvaluate(sodium, key, element)).toThrow(CryptoInputError);
  });

  it('the server refuses a string where bytes belong', () => {
    const notBytes = sodium.to_hex(valid) as unknown as Uint8Array;
    expect(() => blindEvaluate(sodium, key, notBytes)).toThrow(CryptoInputError);
  });

  it('refuses most random 32-byte strings, since most are no ristretto255 encoding', () => {
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      try {
        blindEvaluate(sodium, key, sodium.randombytes_buf(32));
      } catch (error) {
        expect(error).toBeInstanceOf(CryptoInputError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(150);
  });

  it('refuses a zero or non-canonical server key and blind', () => {
    const order = hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
    for (const scalar of [new Uint8Array(32), order, new Uint8Array(32).fill(0xff)]) {
      expect(() => blindEvaluate(sodium, scalar, valid)).toThrow(CryptoInputError);
      expect(() => blind(sodium, text('x'), scalar)).toThrow(CryptoInputError);
    }
  });

  it('the client refuses an identity or malformed evaluated element', () => {
    const b = blind(sodium, text('x'));
    expect(() => finalize(sodium, text('x'), b.blind, new Uint8Array(32))).toThrow(
      CryptoInputError,
    );
    expect(() => finalize(sodium, text('x'), b.blind, valid.slice(1))).toThrow(CryptoInputError);
  });

  it('refuses an input too long for its two-byte length prefix', () => {
    expect(() => blind(sodium, new Uint8Array(0x10000))).toThrow(CryptoInputError);
  });
});
