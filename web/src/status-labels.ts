// Plain words for statuses, Spanish first, for the workspace and the follow-up page.
import type { CaseStatus, TriageStatus } from '../../src/case-status.ts';
import type { Label } from '../../src/vocabulary.ts';

export const TRIAGE_LABELS: Record<TriageStatus, Label> = {
  new: { es: 'Recibido, sin revisar', en: 'Received, not yet reviewed' },
  in_review: { es: 'En revisión', en: 'Being reviewed' },
  verified: { es: 'Revisado y confirmado', en: 'Reviewed and verified' },
  duplicate: { es: 'Repetido', en: 'Duplicate' },
  spam: { es: 'No válido', en: 'Not valid (spam)' },
  closed: { es: 'Cerrado', en: 'Closed' },
};

export const CASE_LABELS: Record<CaseStatus, Label> = {
  new: { es: 'Pendiente de contacto', en: 'Waiting for contact' },
  contacted: { es: 'Contactada', en: 'Contacted' },
  accepted: { es: 'Caso aceptado', en: 'Case accepted' },
  referred: { es: 'Derivado a otro servicio', en: 'Referred elsewhere' },
  closed: { es: 'Caso cerrado', en: 'Case closed' },
};
