// Freezes a release: chosen tables of the newest public snapshot, with a method note. A release
// adds no noise and spends no privacy: its tables are answers the public API already gives.
import type { Db } from '../../../db/client.ts';
import { findOrganisation } from '../../../db/repos/organisations-repo.ts';
import { correctionsOf, getRelease, insertRelease } from '../../../db/repos/releases-repo.ts';
import type { Release, ReleaseRequest } from '../../../src/contract/releases.ts';
import { randomSecret, type Sodium } from '../../../src/crypto/sodium.ts';
import { utcDay } from '../../../src/shared/months.ts';
import {
  answerPublicQuery,
  catalogueDescription,
  INTERVAL_LEVEL,
  NotInCatalogue,
} from '../../../src/statistics/public-query.ts';
import { COUNTING_RULES, NOISE_MECHANISM_TEXT } from '../../../src/statistics/release-texts.ts';
import type { SnapshotDocument } from '../../../src/statistics/snapshot.ts';
import { ApiError } from '../../http/errors.ts';

export function createRelease(
  sodium: Sodium,
  db: Db,
  orgId: string,
  req: ReleaseRequest,
  snapshot: SnapshotDocument | null,
  now: Date,
): Release {
  const org = findOrganisation(db, orgId);
  if (!org) throw new ApiError(401, 'unauthorized', 'The token names no organisation');
  if (req.corrects) {
    const old = getRelease(db, req.corrects);
    if (!old) {
      throw new ApiError(422, 'unknown_release', 'There is no release with that id to correct', [
        { path: 'body.corrects', message: 'is not a published release' },
      ]);
    }
    if (old.orgId !== orgId) {
      throw new ApiError(
        403,
        'not_your_release',
        'Only the publishing organisation can correct it',
      );
    }
  }
  if (!snapshot) {
    throw new ApiError(409, 'no_snapshot', 'No statistics snapshot has been published yet');
  }
  const filters = {
    ...(req.from ? { from: req.from } : {}),
    ...(req.to ? { to: req.to } : {}),
    ...req.filters,
  };
  const tables = req.tables.map((by, i) => {
    try {
      // The period applies to the tables that can be limited to months (by month, or by region
      // through region × month); the others cover every month, as their `filters` echo says.
      try {
        return answerPublicQuery(snapshot, { by, ...filters });
      } catch (err) {
        if (!(err instanceof NotInCatalogue) || (!req.from && !req.to)) throw err;
        return answerPublicQuery(snapshot, { by, ...req.filters });
      }
    } catch (err) {
      if (err instanceof NotInCatalogue) {
        throw new ApiError(400, 'not_in_catalogue', err.message, [
          { path: `body.tables.${i}`, message: catalogueDescription() },
        ]);
      }
      throw err;
    }
  });
  const day = utcDay(now);
  const id = `${day}-${sodium.to_hex(randomSecret(sodium, 4))}`;
  const release: Release = {
    id,
    title: req.title,
    organisation: { id: org.id, name: org.name },
    publishedDay: day,
    corrects: req.corrects ?? null,
    correctedBy: [],
    snapshot: {
      id: snapshot.snapshot.id,
      through: snapshot.snapshot.through,
      publishedDay: snapshot.snapshot.publishedDay,
      period: snapshot.snapshot.period,
    },
    method: {
      period: { from: req.from ?? null, to: req.to ?? null },
      filters: Object.fromEntries(Object.entries(req.filters).map(([k, v]) => [k, String(v)])),
      noise: {
        mechanism: NOISE_MECHANISM_TEXT,
        rhoPerReport: snapshot.privacy.rhoPerReport,
        intervalLevel: INTERVAL_LEVEL,
        sigma: snapshot.privacy.sigma,
      },
      countingRules: COUNTING_RULES,
      synthetic: org.synthetic || snapshot.snapshot.synthetic,
    },
    tables,
  };
  const { correctedBy: _computedOnRead, ...document } = release;
  insertRelease(db, {
    id,
    orgId,
    title: req.title,
    publishedDay: day,
    corrects: req.corrects ?? null,
    document: JSON.stringify(document),
  });
  return release;
}

/** A stored release as published, with the corrections made since. */
export function readRelease(db: Db, id: string): Release | null {
  const row = getRelease(db, id);
  if (!row) return null;
  const document = JSON.parse(row.document) as Omit<Release, 'correctedBy'>;
  // Releases from before snapshots were computed from live rows and could single out a report:
  // their rows stay, unchanged, but they are no longer served.
  if (!('snapshot' in document)) return null;
  return { ...document, correctedBy: correctionsOf(db, id) };
}
