// Creates an organisation with its first admin. The key pair is made here, wrapped under the
// admin's passphrase, and handed back once as the recovery key; only the public key and the
// wrapped copy are stored.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../db/repos/audit-repo.ts';
import { insertOrganisation } from '../../../db/repos/organisations-repo.ts';
import { insertStaff } from '../../../db/repos/staff-repo.ts';
import { wrapSecretKey } from '../../../src/crypto/key-wrap.ts';
import { generateKeyPair, loadSodium, toBase64 } from '../../../src/crypto/sodium.ts';
import { hashPassword } from '../../../src/crypto/staff-credentials.ts';
import { utcDay } from '../../../src/shared/months.ts';
import type { OrgRole } from '../../../src/shared/vocabulary.ts';

export type NewOrganisationInput = {
  id: string;
  name: string;
  role: OrgRole;
  synthetic: boolean;
  admin: { email: string; name: string; password: string; passphrase: string };
};

/** Returns the recovery key (the private key in base64): show it once, then forget it. */
export async function createOrganisation(
  db: Db,
  input: NewOrganisationInput,
  now: Date,
): Promise<{ recoveryKey: string; adminId: string }> {
  const sodium = await loadSodium();
  const pair = generateKeyPair(sodium);
  try {
    const wrapped = wrapSecretKey(sodium, pair.secretKey, input.admin.passphrase);
    const adminId = randomUUID();
    // better-sqlite3 runs on one connection, so the repositories called with db inside the
    // callback take part in this transaction.
    db.transaction(() => {
      insertOrganisation(db, {
        id: input.id,
        name: input.name,
        role: input.role,
        publicKey: Buffer.from(pair.publicKey),
        synthetic: input.synthetic,
        createdDay: utcDay(now),
      });
      insertStaff(db, {
        id: adminId,
        orgId: input.id,
        email: input.admin.email.trim().toLowerCase(),
        name: input.admin.name,
        role: 'admin',
        passwordHash: hashPassword(sodium, input.admin.password),
        wrappedKey: JSON.stringify(wrapped),
        createdDay: utcDay(now),
      });
      recordAudit(db, {
        orgId: input.id,
        staffId: null,
        action: 'staff_added',
        subjectStaffId: adminId,
        at: now.getTime(),
      });
    });
    return { recoveryKey: toBase64(sodium, pair.secretKey), adminId };
  } finally {
    sodium.memzero(pair.secretKey);
  }
}
