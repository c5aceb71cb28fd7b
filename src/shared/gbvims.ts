// The GBVIMS primary type of an incident, derived from Voz Segura's violence codes. Pure, so
// the web pages can show the same labels. GBVIMS keeps exactly one type per incident, chosen by
// precedence, so that organisations sharing under a GBVIMS protocol count each incident once.
import type { Label, ViolenceCode } from './vocabulary.ts';

/** In GBVIMS precedence order: the first type that applies wins. */
export const GBV_TYPE_CODES = [
  'rape',
  'sexual_assault',
  'physical_assault',
  'forced_marriage',
  'denial_of_resources',
  'psychological_abuse',
  // Not one of the six GBVIMS types: only `other` was reported, so we cannot classify it.
  'unclassified',
] as const;
export type GbvType = (typeof GBV_TYPE_CODES)[number];

/**
 * Each Voz Segura code → the GBVIMS type it falls under. The reasons for the less obvious
 * choices are in the README ("GBVIMS primary type"); organisations that read a code
 * differently should change it here and nowhere else.
 */
export const VIOLENCE_TO_GBV: Readonly<Record<ViolenceCode, GbvType>> = {
  rape: 'rape',
  // Sex without the agreed condom is sex without consent to it: penetration without consent.
  condom_refusal: 'rape',
  sexual_assault: 'sexual_assault',
  // Sex demanded under threat of arrest or a fine. The code does not say whether penetration
  // happened, so it takes the lower sexual type rather than overstate.
  sexual_extortion: 'sexual_assault',
  physical: 'physical_assault',
  homicide: 'physical_assault',
  // Denial of resources covers access to economic resources, livelihood and services.
  extortion: 'denial_of_resources',
  robbery: 'denial_of_resources',
  unpaid: 'denial_of_resources',
  discrimination: 'denial_of_resources',
  // Threats, intimidation, humiliation, stalking and forced confinement.
  threats: 'psychological_abuse',
  detention: 'psychological_abuse',
  other: 'unclassified',
};

/** The single GBVIMS type of an incident with these violence codes. */
export function primaryGbvType(violence: readonly ViolenceCode[]): GbvType {
  let best = GBV_TYPE_CODES.length - 1;
  for (const code of violence) {
    best = Math.min(best, GBV_TYPE_CODES.indexOf(VIOLENCE_TO_GBV[code]));
  }
  return GBV_TYPE_CODES[best] ?? 'unclassified';
}

export const GBV_TYPES: ReadonlyArray<readonly [GbvType, Label]> = [
  ['rape', { es: 'Violación', en: 'Rape' }],
  ['sexual_assault', { es: 'Agresión sexual', en: 'Sexual assault' }],
  ['physical_assault', { es: 'Agresión física', en: 'Physical assault' }],
  ['forced_marriage', { es: 'Matrimonio forzado', en: 'Forced marriage' }],
  ['denial_of_resources', { es: 'Negación de recursos', en: 'Denial of resources' }],
  ['psychological_abuse', { es: 'Abuso psicológico', en: 'Psychological abuse' }],
  ['unclassified', { es: 'Sin clasificar', en: 'Unclassified' }],
];
