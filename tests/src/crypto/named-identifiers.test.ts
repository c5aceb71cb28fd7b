// What the form reads from the identifier fields: canonical forms to match, and the kinds the
// person must fix. The unit is sealed only, never matched.
import { describe, expect, it } from 'vitest';
import { namedIdentifiers } from '../../../src/crypto/named-identifiers.ts';

describe('namedIdentifiers', () => {
  it('gives the canonical form of each identifier, whatever the spelling', () => {
    expect(
      namedIdentifiers({
        phone: '987 654 321',
        plate: 'abc 123',
        socialSite: 'instagram',
        social: '@Handle',
        badge: 'CIP 00312345',
        unit: 'Comisaría de Ejemplo',
      }),
    ).toEqual({
      canonical: [
        { kind: 'phone', value: 'phone:+51987654321' },
        { kind: 'plate', value: 'plate:ABC123' },
        { kind: 'social', value: 'social:instagram:handle' },
        { kind: 'badge', value: 'badge:312345' },
      ],
      wrong: [],
    });
  });

  it('names the kinds typed wrong, and asks for the network of a bare handle', () => {
    expect(namedIdentifiers({ phone: '12', plate: '!!', social: '@handle' })).toEqual({
      canonical: [],
      wrong: ['phone', 'plate', 'social'],
    });
  });

  it('matches nothing when nothing, or only the unit, is given', () => {
    expect(namedIdentifiers(undefined)).toEqual({ canonical: [], wrong: [] });
    expect(namedIdentifiers({ unit: 'Unidad 5' })).toEqual({ canonical: [], wrong: [] });
  });
});
