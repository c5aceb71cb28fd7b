// One synthetic advocacy organisation, for database tests that need a recipient and no more.
import type { Db } from '../../db/client.ts';
import { insertOrganisation } from '../../db/repos/organisations-repo.ts';

export function insertTestOrg(db: Db): void {
  insertOrganisation(db, {
    id: 'org-a',
    name: 'Organización A (ficticia)',
    role: 'advocacy',
    publicKey: Buffer.alloc(32, 1),
    synthetic: true,
    createdDay: '2026-12-01',
  });
}
