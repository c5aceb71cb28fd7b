// Text that has broken parsers, validators and databases elsewhere, shared by the fuzz suites.
import fc from 'fast-check';

export const ODD_STRINGS = [
  '',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '𝕍𝕠𝕫',
  'ñandú',
  '../../etc/passwd',
  '%00',
  "' or 1=1 --",
  '<script>',
  '__proto__',
  'a'.repeat(100_000),
] as const;

/** Random text of any kind (raw code units, whole graphemes) or one of the odd strings. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom(...ODD_STRINGS),
);
