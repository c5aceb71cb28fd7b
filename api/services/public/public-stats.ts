// Public statistics: answers from the newest published snapshot, never from report rows. Each
// distinct answer is built once per snapshot and kept (as JSON text with its ETag and a brotli
// copy), so a public read is a lookup, and nothing a reporter or staff member does can change a
// byte of it until the next snapshot.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';
import type Database from 'better-sqlite3';
import { latestSnapshot, latestSnapshotId } from '../../../db/stats/snapshots.ts';
import {
  answerPublicQuery,
  catalogueDescription,
  NotInCatalogue,
} from '../../../src/statistics/public-query.ts';
import type { SnapshotDocument } from '../../../src/statistics/snapshot.ts';
import type { StatsQuery } from '../../../src/statistics/tables.ts';
import { ApiError } from '../../http/errors.ts';

export type PublicAnswer = { json: string; brotli: Buffer; etag: string };

const MAX_CACHED_ANSWERS = 2000;

export class PublicStats {
  private snapshotId: number | null = null;
  private document: SnapshotDocument | null = null;
  private answers = new Map<string, PublicAnswer>();

  constructor(private readonly sqlite: Database.Database) {}

  /** The newest snapshot's document, re-read only when a newer one is published. */
  current(): SnapshotDocument | null {
    const id = latestSnapshotId(this.sqlite);
    if (id !== this.snapshotId) {
      const row = latestSnapshot(this.sqlite);
      this.document = row ? (JSON.parse(row.document) as SnapshotDocument) : null;
      this.snapshotId = row?.id ?? null;
      this.answers.clear();
    }
    return this.document;
  }

  answer(query: StatsQuery): PublicAnswer {
    const doc = this.current();
    if (!doc) {
      throw new ApiError(
        404,
        'no_snapshot',
        'No statistics have been published yet: figures are published from periodic snapshots, a few days after each period closes',
      );
    }
    const key = canonicalKey(query);
    const cached = this.answers.get(key);
    if (cached) return cached;
    let body: unknown;
    try {
      body = answerPublicQuery(doc, query);
    } catch (err) {
      if (err instanceof NotInCatalogue) {
        throw new ApiError(400, 'not_in_catalogue', err.message, [
          { path: err.path, message: catalogueDescription() },
        ]);
      }
      throw err;
    }
    const json = JSON.stringify(body);
    const answer: PublicAnswer = {
      json,
      brotli: brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
      etag: `"s${doc.snapshot.id}-${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`,
    };
    if (this.answers.size >= MAX_CACHED_ANSWERS) this.answers.clear();
    this.answers.set(key, answer);
    return answer;
  }
}

/** The same question asked in any parameter order is one cache entry. */
function canonicalKey(query: StatsQuery): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .sort();
  return parts.join('&');
}
