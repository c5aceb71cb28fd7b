// The database holds TOTP secrets, wrapped keys, password and session hashes and the audit log:
// no other user of the machine may read it, whatever umask the service was started with.
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { removeDir, startServer } from '../helpers/server.ts';

const modeOf = (p: string): string => (statSync(p).mode & 0o777).toString(8);

it('creates the data directory 0700 and the database, WAL and shared memory 0600', async () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'voz-segura-modes-'));
  const previous = process.umask(0o022); // the common default, which the child inherits
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    // A data directory that does not exist yet: the server makes it.
    server = await startServer({ SEED_DEMO: 'true' }, { dataDir: path.join(parent, 'data') });
  } finally {
    process.umask(previous);
  }
  try {
    const db = path.join(server.dataDir, 'voz-segura.db');
    // A report-free request still opens the WAL: it exists while the server runs.
    await fetch(`${server.url}/api/recipients`);
    expect(modeOf(server.dataDir)).toBe('700');
    expect(modeOf(path.join(server.dataDir, 'keys'))).toBe('700');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) expect(modeOf(f), f).toBe('600');
    expect(server.logs()).not.toContain('WARNING');
  } finally {
    await server.stop();
    removeDir(parent);
  }
}, 60_000);

it('closes a data directory and database that others could read, and says so at start', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voz-segura-modes-'));
  chmodSync(dataDir, 0o755);
  mkdirSync(path.join(dataDir, 'keys'), { mode: 0o755 });
  chmodSync(path.join(dataDir, 'keys'), 0o755);
  const db = path.join(dataDir, 'voz-segura.db');
  writeFileSync(db, '', { mode: 0o644 });
  chmodSync(db, 0o644);
  const server = await startServer({ SEED_DEMO: 'false' }, { dataDir });
  try {
    expect(modeOf(dataDir)).toBe('700');
    expect(modeOf(path.join(dataDir, 'keys'))).toBe('700');
    expect(modeOf(db)).toBe('600');
    expect(server.logs()).toContain(`WARNING: ${db} could be read by other users (mode 0644)`);
    expect(server.logs()).toContain(`WARNING: ${dataDir} could be read by other users`);
  } finally {
    await server.stop();
    removeDir(dataDir);
  }
}, 60_000);
