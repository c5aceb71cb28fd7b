// Every list of choices the form shows, by name. Pure: shared by the page writer and the form.
import {
  AGE_BANDS,
  CHANNELS,
  IDENTITIES,
  type Label,
  NATIONALITIES,
  PERPETRATORS,
  REGIONS,
  REPORTED,
  SETTINGS,
  VIOLENCE,
} from '../../src/vocabulary.ts';
import { CONTACT_METHOD_LABELS, LEGAL_NEED_LABELS } from './i18n.ts';

export const VOCAB_LISTS = {
  channel: CHANNELS,
  region: REGIONS,
  perpetrators: PERPETRATORS,
  violence: VIOLENCE,
  identity: IDENTITIES,
  ageBand: AGE_BANDS,
  nationality: NATIONALITIES,
  setting: SETTINGS,
  reportedToAuthority: REPORTED,
  contactMethod: Object.entries(CONTACT_METHOD_LABELS) as Array<[string, Label]>,
  needs: Object.entries(LEGAL_NEED_LABELS) as Array<[string, Label]>,
} as const;
export type VocabList = keyof typeof VOCAB_LISTS;
