// Freezes a release: computes its tables (with noise when ε is given), writes the method note,
// and stores it with its ε in the organisation's ledger in one transaction.
import type { Db } from '../../db/client.ts';
import { findOrganisation } from '../../db/organisations-repo.ts';
import {
  correctionsOf,
  getRelease,
  insertRelease,
  isSyntheticDatabase,
} from '../../db/releases-repo.ts';
import { keyedHash, loadSodium, NOISE_SEED_BYTES, randomSecret } from '../../src/crypto.ts';
import {
  alphaFor,
  discreteLaplace,
  discreteLaplaceVariance,
  tableSensitivity,
  uniformsFrom,
} from '../../src/dp.ts';
import { utcDay } from '../../src/months.ts';
import {
  COUNTING_RULES,
  DP_MECHANISM,
  type Release,
  type ReleaseRequest,
  SUPPRESSION_METHOD,
} from '../../src/releases.ts';
import { ApiError } from '../errors.ts';
import { appliedFilters, statsTable } from './stats-table.ts';

export type ReleaseOptions = { k: number; epsilonBudget: number; now: Date };

export async function createRelease(
  db: Db,
  orgId: string,
  req: ReleaseRequest,
  opts: ReleaseOptions,
): Promise<Release> {
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
  const sodium = await loadSodium();
  const day = utcDay(opts.now);
  const id = `${day}-${sodium.to_hex(randomSecret(sodium, 4))}`;
  const seed = req.epsilon ? randomSecret(sodium, NOISE_SEED_BYTES) : null;
  const epsilonPerTable = req.epsilon ? req.epsilon / req.tables.length : 0;
  const sensitivity = req.tables.map((by) => tableSensitivity(by));
  const tables = req.tables.map((by, t) => {
    const query = { by, from: req.from, to: req.to, ...req.filters };
    const alpha = seed ? alphaFor(epsilonPerTable, sensitivity[t] ?? 1) : 0;
    // The label names the table and the cell, so each has its own fixed noise.
    const noise = seed
      ? (cell: string): number => {
          const [u1, u2] = uniformsFrom(keyedHash(sodium, seed, `${by.join(',')}/${cell}`));
          return discreteLaplace(u1, u2, alpha);
        }
      : undefined;
    return statsTable(db, query, opts.k, { where: 'body', ...(noise ? { noise } : {}) });
  });
  // The seed has done its work; kept, it would let anyone subtract the noise.
  if (seed) sodium.memzero(seed);
  const release: Release = {
    id,
    title: req.title,
    organisation: { id: org.id, name: org.name },
    publishedDay: day,
    corrects: req.corrects ?? null,
    correctedBy: [],
    method: {
      period: { from: req.from, to: req.to },
      filters: appliedFilters({ by: ['region'], ...req.filters }),
      k: opts.k,
      suppression: SUPPRESSION_METHOD,
      differentialPrivacy: req.epsilon
        ? {
            mechanism: DP_MECHANISM,
            epsilon: req.epsilon,
            epsilonPerTable,
            sensitivity,
            noiseStandardDeviation: sensitivity.map(
              (s) =>
                Math.round(100 * Math.sqrt(discreteLaplaceVariance(alphaFor(epsilonPerTable, s)))) /
                100,
            ),
          }
        : null,
      countingRules: COUNTING_RULES,
      synthetic: org.synthetic || isSyntheticDatabase(db),
    },
    tables,
  };
  const { correctedBy: _computedOnRead, ...document } = release;
  const outcome = insertRelease(
    db,
    {
      id,
      orgId,
      title: req.title,
      publishedDay: day,
      corrects: req.corrects ?? null,
      document: JSON.stringify(document),
    },
    req.epsilon ? { epsilon: req.epsilon, budget: opts.epsilonBudget } : null,
  );
  if (!outcome.ok) {
    throw new ApiError(
      409,
      'privacy_budget_exhausted',
      `This release needs ε = ${req.epsilon}, but only ${Math.max(0, opts.epsilonBudget - outcome.spent).toFixed(2)} of the organisation's ε = ${opts.epsilonBudget} is left`,
      [{ path: 'body.epsilon', message: 'is more than the remaining privacy budget' }],
    );
  }
  return release;
}

/** A stored release as published, with the corrections made since. */
export function readRelease(db: Db, id: string): Release | null {
  const row = getRelease(db, id);
  if (!row) return null;
  const document = JSON.parse(row.document) as Omit<Release, 'correctedBy'>;
  return { ...document, correctedBy: correctionsOf(db, id) };
}
