// Deletes a report the way a withdrawal does, keeping the hash of its id (as the follow-up
// service does), for tests that remove reports straight through the repository.
import type { Db } from '../../db/client.ts';
import { deleteReportCounted } from '../../db/repos/verification-repo.ts';
import { removedIdHash } from '../../src/crypto/secret-hash.ts';
import { loadSodium } from '../../src/crypto/sodium.ts';

const sodium = await loadSodium();

export function deleteCounted(db: Db, reportId: string): boolean {
  return deleteReportCounted(db, reportId, removedIdHash(sodium, reportId));
}

export function idHash(reportId: string): string {
  return removedIdHash(sodium, reportId);
}
