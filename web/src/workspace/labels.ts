// Labels for codes in the decrypted documents, Spanish first with English after.
import type { Label } from '../../../src/vocabulary.ts';
import { bi } from '../dom.ts';
import { VOCAB_LISTS, type VocabList } from '../vocab-lists.ts';

export function label(list: VocabList, code: string): Label {
  const entry = (VOCAB_LISTS[list] as ReadonlyArray<readonly [string, Label]>).find(
    ([c]) => c === code,
  );
  return entry ? entry[1] : { es: code, en: code };
}

export function labels(list: VocabList, codes: readonly string[]): string {
  return codes.map((c) => label(list, c).es).join(', ');
}

export function biLabel(l: Label): HTMLElement {
  return bi(l.es, l.en);
}
