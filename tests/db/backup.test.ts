import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppConfig, buildApp, RELAXED_APP_CONFIG } from '../../api/app.ts';
import { BackupError, backupDatabase, restoreDatabase } from '../../db/backup.ts';
import { createDb } from '../../db/client.ts';
import { insertOrganisation } from '../../db/organisations-repo.ts';
import { countReports } from '../../db/reports-repo.ts';
import { generateKeyPair, loadSodium } from '../../src/crypto.ts';
import { sealedSubmission } from '../helpers/reports.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'voz-backup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function liveService(file: string) {
  const sodium = await loadSodium();
  const handle = createDb(file);
  const pair = generateKeyPair(sodium);
  insertOrganisation(handle.db, {
    id: 'b-adv',
    name: 'Backup test (ficticia)',
    role: 'advocacy',
    publicKey: Buffer.from(pair.publicKey),
    synthetic: true,
    createdDay: '2026-01-01',
  });
  const config: AppConfig = RELAXED_APP_CONFIG;
  const app = await buildApp(config, { db: handle });
  const org = {
    id: 'b-adv',
    role: 'advocacy' as const,
    publicKey: pair.publicKey,
    secretKey: pair.secretKey,
  };
  const submit = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/reports',
        payload: await sealedSubmission({ advocacy: org }),
      });
      expect(res.statusCode).toBe(201);
    }
  };
  return { app, handle, submit };
}

describe('backup and restore', () => {
  it('round-trips while the service runs: a restore brings back exactly the backed-up reports', async () => {
    const live = path.join(dir, 'live.db');
    const svc = await liveService(live);
    await svc.submit(7);
    const backup = path.join(dir, 'backup.db');
    await backupDatabase(live, backup);

    await svc.submit(3);
    expect(countReports(svc.handle.db)).toBe(10);
    const safety = path.join(dir, 'safety.db');
    await restoreDatabase(backup, live, safety);
    // The running service's own connection sees the restored content.
    expect(countReports(svc.handle.db)).toBe(7);
    const stats = await svc.app.inject({ method: 'GET', url: '/api/stats?by=region' });
    expect(stats.json().total).toBe(7);
    // Nothing lost: the content before the restore was saved.
    const saved = createDb(safety);
    expect(countReports(saved.db)).toBe(10);
    saved.close();
    await svc.app.close();
  });

  it('refuses to overwrite an existing backup file', async () => {
    const live = path.join(dir, 'live.db');
    const svc = await liveService(live);
    const target = path.join(dir, 'exists.db');
    writeFileSync(target, 'keep me');
    await expect(backupDatabase(live, target)).rejects.toThrow(BackupError);
    await svc.app.close();
  });

  it('refuses to restore a file that is not a Voz Segura database, and leaves the live one alone', async () => {
    const live = path.join(dir, 'live.db');
    const svc = await liveService(live);
    await svc.submit(2);
    const junk = path.join(dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite');
    await expect(restoreDatabase(junk, live, path.join(dir, 's.db'))).rejects.toThrow(
      /not a readable SQLite/,
    );
    expect(countReports(svc.handle.db)).toBe(2);
    await svc.app.close();
  });
});
