// The public list of releases, built in one query and kept until a release is added. The list
// used to re-read and parse every release row by row, with a query each for its corrections
// (0.27-0.47 s a call with one large release, found by the security review).
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { ReleaseSummarySchema } from '../../../src/contract/releases.ts';

type Summary = z.infer<typeof ReleaseSummarySchema>;
type Row = { id: string; corrects: string | null; document: string };

export class ReleaseList {
  private version = '';
  private body = '';
  private readonly versionOf: Database.Statement<[], string>;
  private readonly rows: Database.Statement<[], Row>;

  constructor(sqlite: Database.Database) {
    // Releases are only ever added (a correction is a new release), so the count and the
    // newest rowid together say whether the list changed.
    this.versionOf = sqlite
      .prepare<[], string>(`select count(*) || '.' || coalesce(max(rowid), 0) from releases`)
      .pluck();
    this.rows = sqlite.prepare<[], Row>(
      'select id, corrects, document from releases order by published_day, id',
    );
  }

  /** The list as JSON text, `{ releases: [...] }`, oldest first. */
  json(): string {
    const version = this.versionOf.get() ?? '';
    if (version !== this.version) {
      this.body = JSON.stringify({ releases: summaries(this.rows.all()) });
      this.version = version;
    }
    return this.body;
  }
}

function summaries(rows: Row[]): Summary[] {
  const correctedBy = new Map<string, string[]>();
  for (const r of rows) {
    if (r.corrects) correctedBy.set(r.corrects, [...(correctedBy.get(r.corrects) ?? []), r.id]);
  }
  return rows.flatMap((r) => {
    const doc = JSON.parse(r.document) as Partial<Summary> & { snapshot?: unknown };
    // Releases from before snapshots could single out a report: kept, never served.
    if (!('snapshot' in doc)) return [];
    return [
      {
        id: r.id,
        title: doc.title,
        organisation: doc.organisation,
        publishedDay: doc.publishedDay,
        corrects: doc.corrects ?? null,
        correctedBy: correctedBy.get(r.id) ?? [],
      } as Summary,
    ];
  });
}
