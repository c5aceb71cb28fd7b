// Creates an organisation with its first admin. The key pair is made here, wrapped under the
// admin's passphrase, and handed back once as the recovery key; only the public key and the
// wrapped copy are stored.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../db/audit-repo.ts';
import type { Db } from '../../db/client.ts';
import { insertOrganisation } from '../../db/organisations-repo.ts';
import { insertStaff } from '../../db/staff-repo.ts';
import { generateKeyPair, loadSodium, toBase64 } from '../../src/crypto.ts';
import { wrapSecretKey } from '../../src/key-wrap.ts';
import { utcDay } from '../../src/months.ts';
import { hashPassword } from '../../src/staff-auth.ts';
import type { OrgRole } from '../../src/vocabulary.ts';

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
