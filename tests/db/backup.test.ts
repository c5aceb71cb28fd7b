import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppConfig, buildApp } from '../../api/app.ts';
import { statsTable } from '../../api/services/workspace/stats-table.ts';
import { BackupError, backupDatabase, restoreDatabase } from '../../db/backup.ts';
import { createDb } from '../../db/client.ts';
import { insertOrganisation } from '../../db/repos/organisations-repo.ts';
import { countReports } from '../../db/repos/reports-repo.ts';
import { RELAXED_APP_CONFIG } from '../../scripts/relaxed-app-config.ts';
import { generateKeyPair, loadSodium } from '../../src/crypto/sodium.ts';
import { sealedSubmission } from '../helpers/reports.ts';

const MIGRATIONS = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'db',
  'migrations',
);

let dir: string;

/** A database file with only the committed migrations before `tag` (e.g. '0008') applied. */
function databaseBefore(tag: string, file: string): Database.Database {
  const folder = path.join(dir, `migrations-before-${tag}`);
  mkdirSync(path.join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8'));
  const entries = (journal.entries as Array<{ tag: string }>).filter((e) => e.tag < tag);
  for (const e of entries) {
    copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  }
  writeFileSync(
    path.join(folder, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries }),
  );
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  return sqlite;
}

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

const running: Array<{ app: { close: () => Promise<unknown> } }> = [];
afterEach(async () => {
  for (const svc of running.splice(0)) await svc.app.close();
});

/** The service of `dir`/live.db, running and holding `reports` reports; closed after the test. */
async function runningLive(reports: number) {
  const live = path.join(dir, 'live.db');
  const svc = await liveService(live);
  running.push(svc);
  await svc.submit(reports);
  return { live, svc };
}

/** The reports in a database file that no service has open. */
function reportsIn(file: string): number {
  const handle = createDb(file);
  try {
    return countReports(handle.db);
  } finally {
    handle.close();
  }
}

/** A database file in `dir` holding `reports` reports, its service stopped; returns its path. */
async function stoppedService(name: string, reports: number): Promise<string> {
  const file = path.join(dir, name);
  const svc = await liveService(file);
  await svc.submit(reports);
  await svc.app.close();
  svc.handle.close();
  return file;
}

describe('backup and restore', () => {
  it('round-trips while the service runs: a restore brings back exactly the backed-up reports', async () => {
    const { live, svc } = await runningLive(7);
    const backup = path.join(dir, 'backup.db');
    await backupDatabase(live, backup);

    await svc.submit(3);
    expect(countReports(svc.handle.db)).toBe(10);
    const safety = path.join(dir, 'safety.db');
    await restoreDatabase(backup, live, safety);
    // The running service's own connection sees the restored content.
    expect(countReports(svc.handle.db)).toBe(7);
    // So do its statistics, which read the in-memory running totals.
    expect(statsTable(svc.handle.db, { by: ['region'] }, 5).total).toBe(7);
    // Nothing lost: the content before the restore was saved.
    expect(reportsIn(safety)).toBe(10);
  });

  it('refuses to overwrite an existing backup file', async () => {
    const { live } = await runningLive(0);
    const target = path.join(dir, 'exists.db');
    writeFileSync(target, 'keep me');
    await expect(backupDatabase(live, target)).rejects.toThrow(BackupError);
  });

  it('refuses to restore a file that is not a Voz Segura database, and leaves the live one alone', async () => {
    const { live, svc } = await runningLive(2);
    const junk = path.join(dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite');
    await expect(restoreDatabase(junk, live, path.join(dir, 's.db'))).rejects.toThrow(
      /not a readable SQLite/,
    );
    expect(countReports(svc.handle.db)).toBe(2);
  });
});

describe('backup and restore, the files they leave', () => {
  const journalMode = (file: string): string => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return String(db.pragma('journal_mode', { simple: true }));
    } finally {
      db.close();
    }
  };

  it('makes a backup of one file, and the restored live database stays in WAL mode', async () => {
    const { live, svc } = await runningLive(2);
    const backup = path.join(dir, 'one-file.db');
    await backupDatabase(live, backup);
    expect(readdirSync(dir).filter((f) => f.startsWith('one-file'))).toEqual(['one-file.db']);
    expect(journalMode(backup)).toBe('delete');

    await svc.submit(1);
    await restoreDatabase(backup, live, path.join(dir, 'safety.db'));
    expect(journalMode(live)).toBe('wal');
    expect(countReports(svc.handle.db)).toBe(2);
    // The staging copy is gone; the safety copy is one file too.
    expect(readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('safety'))).toEqual(['safety.db']);
  });

  it('removes a staging copy left by a restore that was killed', async () => {
    const { live } = await runningLive(1);
    const backup = path.join(dir, 'b.db');
    await backupDatabase(live, backup);
    // What a killed restore leaves: a full copy of a database beside the live one.
    writeFileSync(`${live}.restoring`, 'a full copy of every report');
    await restoreDatabase(backup, live, path.join(dir, 'safety.db'));
    expect(readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([]);
  });

  it('says nothing was saved when there was no database to replace', async () => {
    const source = await stoppedService('source.db', 1);
    const fresh = path.join(dir, 'fresh.db');
    const safety = path.join(dir, 'safety.db');
    expect(await restoreDatabase(source, fresh, safety)).toEqual({ saved: null });
    expect(existsSync(safety)).toBe(false);
    expect(reportsIn(fresh)).toBe(1);
  });

  it('restores into a data directory that does not exist yet, made private', async () => {
    const source = await stoppedService('source.db', 1);
    const target = path.join(dir, 'new', 'data', 'voz-segura.db');
    expect(await restoreDatabase(source, target, `${target}.safety`)).toEqual({ saved: null });
    expect(statSync(path.dirname(target)).mode & 0o777).toBe(0o700);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(reportsIn(target)).toBe(1);
  });

  it('refuses to restore the live database onto itself, and names an unwritable target', async () => {
    const { live, svc } = await runningLive(1);
    await expect(restoreDatabase(live, live, path.join(dir, 's.db'))).rejects.toThrow(
      /is the live database itself/,
    );
    expect(existsSync(path.join(dir, 's.db'))).toBe(false);
    const nowhere = path.join(dir, 'no-such-dir', 'b.db');
    await expect(backupDatabase(live, nowhere)).rejects.toThrow(
      new BackupError(`cannot write ${nowhere}: the directory does not exist`),
    );
    expect(countReports(svc.handle.db)).toBe(1);
  });

  it('brings a backup from before the last migration to the current format as it restores', async () => {
    // A backup made before migration 0008: the migrations before it applied, and none after
    // (so later tables, such as the snapshots of 0010, are not there either), with the codes in
    // their own tables.
    const old = path.join(dir, 'old.db');
    const made = databaseBefore('0008', old);
    made.exec(`
      insert into reports (id, incident_month, region, identity, age_band, nationality, setting,
        reported_to_authority, channel, gbv_type, body_hash, received_day)
      values ('old-1', '2026-01', '15', 'woman', '18_24', 'peruvian', 'street', 'no', 'self',
        'other', 'h', '2026-01-01');
      insert into report_perpetrators values ('old-1', 'police');
      insert into report_violence values ('old-1', 'threats');
    `);
    const later = made
      .prepare("select name from sqlite_master where name in ('removed_reports', 'stat_snapshots')")
      .all();
    expect(later).toEqual([]);
    made.pragma('journal_mode = DELETE');
    made.close();

    const { live, svc } = await runningLive(0);
    await restoreDatabase(old, live, path.join(dir, 'safety.db'));
    // The running service's connection reads the report in the current format.
    expect(
      svc.handle.sqlite
        .prepare("select perpetrators, violence from reports where id = 'old-1'")
        .get(),
    ).toEqual({ perpetrators: '["police"]', violence: '["threats"]' });
    // …and counts it: the running totals are rebuilt for the current format too.
    const byPerpetrator = statsTable(svc.handle.db, { by: ['perpetrator'] }, 1);
    expect(byPerpetrator.total).toBe(1);
    expect(byPerpetrator.cells.find((c) => c.perpetrator === 'police')?.count).toBe(1);
    // The backup file itself is left as it was.
    const untouched = new Database(old, { readonly: true });
    expect(untouched.prepare('select count(*) as n from report_perpetrators').get()).toEqual({
      n: 1,
    });
    untouched.close();
  });
});
