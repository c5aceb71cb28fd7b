// Who may read what: the advocacy box never holds contact details; the legal-aid box exists only
// when legal aid was asked for, and only it holds them.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Contact,
  documentsFor,
  ENVELOPE_VERSION,
  type ReportDraft,
  SealedDocumentSchema,
} from '../../../src/contract/envelope.ts';
import { PAD_BLOCK } from '../../../src/crypto/box-sizes.ts';
import {
  generateKeyPair,
  loadSodium,
  type Sodium,
  sealDocument,
} from '../../../src/crypto/sodium.ts';
import { independentSealOpen, isoUnpad } from '../../helpers/independent-box.ts';
import { validFacts } from '../../helpers/reports.ts';

const CONTACT: Contact = {
  method: 'whatsapp',
  value: '+51 987 654 321 CONTACTO-UNICO',
  safeTimes: 'después de las 10 de la noche',
  needs: ['complaint', 'accompaniment'],
  notes: 'no llamar, solo mensajes',
};

function draft(overrides: Partial<ReportDraft> = {}): ReportDraft {
  return {
    reportId: randomUUID(),
    facts: validFacts({ perpetrators: ['police', 'serenazgo'] }),
    narrative: 'RELATO-UNICO: me quitaron mis documentos',
    details: { exactDate: '2026-03-02', place: 'LUGAR-UNICO', perpetratorDetails: 'PLACA-UNICA' },
    legalAid: null,
    ...overrides,
  };
}

describe('documentsFor', () => {
  it('without legal aid: one advocacy document, no contact, no legal-aid document', () => {
    const docs = documentsFor(draft());
    expect(docs.legalAid).toBeNull();
    expect(docs.advocacy.legalAidRequested).toBe(false);
    expect(docs.advocacy).not.toHaveProperty('contact');
  });

  it('with legal aid: the contact goes only into the legal-aid document', () => {
    const docs = documentsFor(draft({ legalAid: { contact: CONTACT } }));
    expect(docs.advocacy).not.toHaveProperty('contact');
    expect(JSON.stringify(docs.advocacy)).not.toContain('CONTACTO-UNICO');
    expect(JSON.stringify(docs.advocacy)).not.toContain('después de las 10');
    expect(docs.legalAid?.contact).toEqual(CONTACT);
  });

  it('tells both organisations that legal aid was requested, and gives both the same report', () => {
    const d = draft({ legalAid: { contact: CONTACT } });
    const docs = documentsFor(d);
    expect(docs.advocacy.legalAidRequested).toBe(true);
    expect(docs.legalAid?.legalAidRequested).toBe(true);
    const { contact: _contact, ...legalWithoutContact } = docs.legalAid ?? {};
    expect(legalWithoutContact).toEqual(docs.advocacy);
  });

  it('carries the report id, facts, narrative and sealed details, and is a valid envelope', () => {
    const d = draft({ legalAid: { contact: CONTACT } });
    const docs = documentsFor(d);
    for (const doc of [docs.advocacy, docs.legalAid]) {
      expect(doc?.v).toBe(ENVELOPE_VERSION);
      expect(doc?.reportId).toBe(d.reportId);
      expect(doc?.facts).toEqual(d.facts);
      expect(doc?.narrative).toBe(d.narrative);
      expect(doc?.details).toEqual(d.details);
      expect(SealedDocumentSchema.safeParse(doc).success).toBe(true);
    }
  });

  it('leaves the narrative out when there is none', () => {
    const { narrative: _n, ...rest } = draft();
    expect(documentsFor(rest).advocacy).not.toHaveProperty('narrative');
    expect(documentsFor({ ...rest, narrative: '' }).advocacy).not.toHaveProperty('narrative');
  });
});

describe('sealed per role', () => {
  let s: Sodium;
  beforeAll(async () => {
    s = await loadSodium();
  });

  it('the advocacy organisation cannot find the contact in its box; the legal-aid one can', () => {
    const advocacy = generateKeyPair(s);
    const legal = generateKeyPair(s);
    const docs = documentsFor(draft({ legalAid: { contact: CONTACT } }));
    if (!docs.legalAid) throw new Error('expected a legal-aid document');
    const read = (box: Uint8Array, pair: typeof advocacy): string => {
      const padded = independentSealOpen(box, pair.publicKey, pair.secretKey);
      const plain = padded && isoUnpad(padded, PAD_BLOCK);
      if (!plain) throw new Error('box did not open');
      return new TextDecoder().decode(plain);
    };
    const advocacyText = read(sealDocument(s, docs.advocacy, advocacy.publicKey), advocacy);
    const legalText = read(sealDocument(s, docs.legalAid, legal.publicKey), legal);
    expect(advocacyText).toContain('RELATO-UNICO');
    expect(advocacyText).not.toContain('CONTACTO-UNICO');
    expect(legalText).toContain('RELATO-UNICO');
    expect(legalText).toContain('CONTACTO-UNICO');
  });
});
