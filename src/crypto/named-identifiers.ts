// The identifiers a report names, read from what the person typed (issue 17). No zod and no
// libsodium: the form checks them on the page, before anything is sealed.
import type { Identifiers } from '../contract/envelope.ts';
import {
  type IdentifierKind,
  type NormalisedIdentifier,
  normaliseBadge,
  normalisePhone,
  normalisePlate,
  normaliseSocial,
} from './identifiers.ts';

/**
 * The identifiers a report names, each in its canonical form; `wrong` lists the kinds that were
 * filled in but are not valid (the form asks the person to fix them). The unit is never matched.
 */
export function namedIdentifiers(ids: Identifiers | undefined): {
  canonical: Array<{ kind: IdentifierKind; value: string }>;
  wrong: IdentifierKind[];
} {
  const results: NormalisedIdentifier[] = [];
  if (ids?.phone) results.push(normalisePhone(ids.phone));
  if (ids?.plate) results.push(normalisePlate(ids.plate));
  if (ids?.social) results.push(normaliseSocial(ids.social, ids.socialSite));
  if (ids?.badge) results.push(normaliseBadge(ids.badge));
  const canonical: Array<{ kind: IdentifierKind; value: string }> = [];
  const wrong: IdentifierKind[] = [];
  for (const r of results) {
    if (r.ok) canonical.push({ kind: r.kind, value: r.value });
    else wrong.push(r.kind);
  }
  return { canonical, wrong };
}
