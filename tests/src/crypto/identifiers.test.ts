// Normalisation before matching: every way a person writes the same number must give one string,
// and nothing else may give that string.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type IdentifierKind,
  MAX_IDENTIFIER_CHARS,
  normaliseBadge,
  normaliseIdentifier,
  normalisePhone,
  normalisePlate,
  normaliseSocial,
} from '../../../src/crypto/identifiers.ts';

const value = (r: ReturnType<typeof normalisePhone>): string => (r.ok ? r.value : `!${r.reason}`);

describe('phone numbers', () => {
  it.each([
    ['987 654 321', '+51987654321'],
    ['+51987654321', '+51987654321'],
    ['+51 987 654 321', '+51987654321'],
    ['987-654-321', '+51987654321'],
    ['987.654.321', '+51987654321'],
    ['(+51) 987654321', '+51987654321'],
    ['0051 987 654 321', '+51987654321'],
    ['51 987 654 321', '+51987654321'],
    // Copied from WhatsApp: bidirectional marks around the number and no-break spaces inside.
    ['\u202a+51\u00a0987\u00a0654\u00a0321\u202c', '+51987654321'],
    ['９８７６５４３２１', '+51987654321'],
    ['01 234 5678', '+5112345678'],
    ['(044) 123456', '+5144123456'],
    ['+51 1 2345678', '+5112345678'],
    ['+58 412 123 4567', '+584121234567'],
    ['0058 412 1234567', '+584121234567'],
  ])('reads %j as %s', (raw, e164) => {
    expect(value(normalisePhone(raw))).toBe(`phone:${e164}`);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['98765432', 'not_a_phone'], // a mobile missing a digit
    ['9876543210', 'not_a_phone'], // one digit too many
    ['887 654 321', 'not_a_phone'], // nine digits that are no Peruvian mobile
    ['12345678', 'not_a_phone'], // eight bare digits: a DNI as often as a landline
    ['+51 887654321', 'not_a_phone'],
    ['+0 123 456 789', 'not_a_phone'],
    ['987 654 32l', 'not_a_phone'], // a letter l where a 1 belongs is refused, not guessed
    ['98765+4321', 'not_a_phone'],
    ['llámame', 'not_a_phone'],
    ['9'.repeat(MAX_IDENTIFIER_CHARS + 1), 'too_long'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(value(normalisePhone(raw))).toBe(`!${reason}`);
  });

  it('gives one string for any spelling of the same mobile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        fc.constantFrom('', '+51', '0051', '51', '+51 ', '(+51) '),
        fc.array(fc.constantFrom('', ' ', '-', '.', '\u00a0'), { minLength: 8, maxLength: 8 }),
        (digits, prefix, seps) => {
          const plain = `9${digits.join('')}`;
          const spelled = prefix + [...plain].map((d, i) => d + (seps[i] ?? '')).join('');
          expect(value(normalisePhone(spelled))).toBe(`phone:+51${plain}`);
        },
      ),
    );
  });
});

describe('vehicle plates', () => {
  it.each([
    ['ABC-123', 'ABC123'],
    ['abc 123', 'ABC123'],
    ['ABC123', 'ABC123'],
    ['A1B-234', 'A1B234'],
    [' a1b.234 ', 'A1B234'],
    ['abc–123', 'ABC123'], // an en dash, as phones autocorrect it
    ['ABC-1O3', 'ABC103'], // an O where only a digit can stand
    ['EPA-123', 'EPA123'], // a special plate (police, ambulance)
    ['1234-5A', '12345A'], // a motorcycle or mototaxi
    ['1234 ab', '1234AB'],
  ])('reads %j as %s', (raw, canonical) => {
    expect(value(normalisePlate(raw))).toBe(`plate:${canonical}`);
  });

  it.each([
    ['', 'empty'],
    ['AB-12', 'not_a_plate'],
    ['ABCD-123', 'not_a_plate'],
    ['123-456', 'not_a_plate'], // a car plate starts with its zone's letter
    ['ABC-12X', 'not_a_plate'],
    ['ABC_123', 'not_a_plate'],
    ['ÁBC-123', 'not_a_plate'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(value(normalisePlate(raw))).toBe(`!${reason}`);
  });
});

describe('social-media accounts', () => {
  it.each([
    ['@Handle', 'instagram', 'instagram:handle'],
    ['Handle', 'instagram', 'instagram:handle'],
    ['@Juan.Perez_87', 'tiktok', 'tiktok:juan.perez_87'],
    ['https://www.instagram.com/Handle/', undefined, 'instagram:handle'],
    ['instagram.com/handle?igsh=MWx0cnd4', undefined, 'instagram:handle'],
    ['https://instagram.com/stories/handle/3012345678901234567', undefined, 'instagram:handle'],
    ['facebook.com/handle', undefined, 'facebook:handle'],
    ['https://m.facebook.com/handle', 'facebook', 'facebook:handle'],
    ['https://www.facebook.com/profile.php?id=100012345678', undefined, 'facebook:100012345678'],
    ['https://www.tiktok.com/@Handle?lang=es', undefined, 'tiktok:handle'],
    ['https://twitter.com/Handle', undefined, 'x:handle'],
    ['x.com/handle', undefined, 'x:handle'],
    ['t.me/handle', undefined, 'telegram:handle'],
  ] as const)('reads %j (platform %s) as %s', (raw, platform, canonical) => {
    expect(value(normaliseSocial(raw, platform))).toBe(`social:${canonical}`);
  });

  it.each([
    ['@Handle', undefined, 'platform_needed'],
    ['', 'instagram', 'empty'],
    ['@', 'instagram', 'not_a_handle'],
    ['@han dle', 'instagram', 'not_a_handle'],
    ['@...', 'instagram', 'not_a_handle'],
    ['https://www.instagram.com/p/C1a2b3c4/', undefined, 'not_a_profile'],
    ['https://www.facebook.com/watch?v=123', undefined, 'not_a_profile'],
    ['instagram.com', undefined, 'not_a_profile'],
    ['https://example.com/handle', undefined, 'not_a_profile'],
    ['https://evil.instagram.com.example/handle', undefined, 'not_a_profile'],
    ['instagram.com/handle', 'facebook', 'not_a_profile'], // the link and the choice disagree
  ] as const)('refuses %j (platform %s) as %s', (raw, platform, reason) => {
    expect(value(normaliseSocial(raw, platform))).toBe(`!${reason}`);
  });
});

describe('badge and CIP numbers', () => {
  it.each([
    ['31234567', '31234567'],
    ['312 345 67', '31234567'],
    ['CIP 31234567', '31234567'],
    ['C.I.P. N° 31234567', '31234567'],
    ['cip: 31234567', '31234567'],
    ['Nº 031234567', '31234567'],
    ['nro. 31234567', '31234567'],
  ])('reads %j as %s', (raw, canonical) => {
    expect(value(normaliseBadge(raw))).toBe(`badge:${canonical}`);
  });

  it.each([
    ['', 'empty'],
    ['123', 'not_a_badge'],
    ['12345678901', 'not_a_badge'],
    ['31234567A', 'not_a_badge'],
    ['0000', 'not_a_badge'],
    ['sargento Pérez', 'not_a_badge'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(value(normaliseBadge(raw))).toBe(`!${reason}`);
  });
});

describe('kinds never collide', () => {
  it('gives different strings to a phone, a badge and a plate written with similar characters', () => {
    const results = [
      normaliseIdentifier('phone', '987654321'),
      normaliseIdentifier('badge', '987654321'),
      normaliseIdentifier('plate', 'ABC-123'),
      normaliseIdentifier('social', 'abc123', 'instagram'),
    ];
    const values = results.map(value);
    expect(values.every((v) => !v.startsWith('!'))).toBe(true);
    expect(new Set(values).size).toBe(values.length);
  });

  it('answers any string, however odd, without throwing, and valid results carry their kind', () => {
    const kinds: IdentifierKind[] = ['phone', 'plate', 'social', 'badge'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.string({ maxLength: 250 }), (kind, raw) => {
        const result = normaliseIdentifier(kind, raw, 'instagram');
        expect(result.kind).toBe(kind);
        if (result.ok) expect(result.value.startsWith(`${kind}:`)).toBe(true);
      }),
    );
  });
});
