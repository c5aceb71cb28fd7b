// The systemd units in deploy/ (explained in docs/operations.md): the service and the daily
// backup are checked against the code they run, so a typo in a setting, a wrong path or a lost
// hardening line fails here. Where systemd-analyze is on this machine the units are also handed
// to it; the checks on the parsed text run everywhere.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client.ts';
import { loadConfig } from '../../src/shared/config.ts';
import {
  configVariables,
  DEPLOY,
  environment,
  parseUnit,
  ROOT,
  read,
  single,
  values,
} from '../helpers/deploy-files.ts';

const INSTALL_DIR = '/opt/voz-segura';
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';

const service = parseUnit(read(path.join(DEPLOY, 'voz-segura.service')));
const backup = parseUnit(read(path.join(DEPLOY, 'voz-segura-backup.service')));
const timer = parseUnit(read(path.join(DEPLOY, 'voz-segura-backup.timer')));
const serviceEnv = environment(service);
const packageScripts = (
  JSON.parse(read(path.join(ROOT, 'package.json'))) as {
    scripts: Record<string, string>;
  }
).scripts;
// NODE_ENV is the one variable set that src/shared/config.ts does not read: Node libraries do.
const KNOWN_VARIABLES = new Set([
  ...configVariables(read(path.join(ROOT, 'src', 'shared', 'config.ts'))),
  'NODE_ENV',
]);

const work = mkdtempSync(path.join(os.tmpdir(), 'vs-deploy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of a unit whose paths under /opt/voz-segura point into this checkout instead. */
function localCopy(name: string): string {
  const file = path.join(work, name);
  writeFileSync(file, read(path.join(DEPLOY, name)).replaceAll(INSTALL_DIR, ROOT));
  return file;
}

/** systemd-analyze verify: exit 0 is not enough, since unknown keys are only warnings. */
function verifyUnits(files: string[]): void {
  const run = spawnSync(SYSTEMD_ANALYZE, ['verify', '--man=no', ...files], { encoding: 'utf8' });
  expect(run.stderr + run.stdout).toBe('');
  expect(run.status).toBe(0);
}

describe('deploy/voz-segura.service', () => {
  it('sets only variables the service reads, with values it accepts', () => {
    expect([...serviceEnv.keys()].filter((name) => !KNOWN_VARIABLES.has(name))).toEqual([]);
    const config = loadConfig(Object.fromEntries(serviceEnv));
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      dataDir: '/var/lib/voz-segura',
      databasePath: '/var/lib/voz-segura/voz-segura.db',
      trustProxy: ['loopback'],
      hsts: true,
      secureCookies: true,
      logLevel: 'info',
      seedDemo: false,
    });
    expect(serviceEnv.get('NODE_ENV')).toBe('production');
  });

  it('runs what npm start runs, as its own user, from the install directory', () => {
    expect(single(service, 'Service', 'User')).toBe('voz-segura');
    expect(single(service, 'Service', 'Group')).toBe('voz-segura');
    expect(single(service, 'Service', 'WorkingDirectory')).toBe(INSTALL_DIR);
    const [bin, ...args] = single(service, 'Service', 'ExecStart').split(/\s+/);
    expect(bin).toBe(`${INSTALL_DIR}/node_modules/.bin/tsx`);
    expect(['tsx', ...args].join(' ')).toBe(packageScripts.start);
    expect(existsSync(path.join(ROOT, args[0] ?? ''))).toBe(true);
    expect(single(service, 'Service', 'Restart')).toBe('on-failure');
    expect(single(service, 'Install', 'WantedBy')).toBe('multi-user.target');
  });

  it('can write its data directory and nothing else, and creates it private', () => {
    const dataDir = serviceEnv.get('DATA_DIR');
    expect(single(service, 'Service', 'StateDirectory')).toBe('voz-segura');
    expect(`/var/lib/${single(service, 'Service', 'StateDirectory')}`).toBe(dataDir);
    expect(single(service, 'Service', 'StateDirectoryMode')).toBe('0700');
    expect(values(service, 'Service', 'ReadWritePaths')).toEqual([dataDir]);
    expect(single(service, 'Service', 'UMask')).toBe('0077');
  });

  it('keeps the hardening, and nothing that breaks V8', () => {
    const expected: Record<string, string> = {
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      NoNewPrivileges: 'yes',
      RestrictAddressFamilies: 'AF_INET AF_INET6 AF_UNIX',
      CapabilityBoundingSet: '',
      SystemCallArchitectures: 'native',
      SystemCallErrorNumber: 'EPERM',
    };
    for (const [key, value] of Object.entries(expected))
      expect(single(service, 'Service', key), key).toBe(value);
    expect(single(service, 'Service', 'SystemCallFilter').split(/\s+/)).toContain(
      '@system-service',
    );
    // V8 compiles JavaScript and WebAssembly to machine code in writable memory.
    expect(values(service, 'Service', 'MemoryDenyWriteExecute')).toEqual([]);
  });

  it('gives the graceful shutdown time to finish', () => {
    expect(single(service, 'Service', 'KillSignal')).toBe('SIGTERM');
    expect(Number(single(service, 'Service', 'TimeoutStopSec'))).toBeGreaterThanOrEqual(20);
  });

  it('is a unit systemd accepts (systemd-analyze verify, where installed)', () => {
    if (existsSync(SYSTEMD_ANALYZE)) verifyUnits([localCopy('voz-segura.service')]);
    else expect(parseUnit(read(path.join(DEPLOY, 'voz-segura.service'))).size).toBe(3);
  });
});

describe('deploy/voz-segura-backup.service and .timer', () => {
  const backupDir = '/var/lib/voz-segura-backups';

  it('backs up the database the service uses, as its user, into a private directory', () => {
    const env = environment(backup);
    expect([...env.keys()].filter((name) => !KNOWN_VARIABLES.has(name))).toEqual([]);
    expect(env.get('DATA_DIR')).toBe(serviceEnv.get('DATA_DIR'));
    expect(single(backup, 'Service', 'Type')).toBe('oneshot');
    expect(single(backup, 'Service', 'User')).toBe('voz-segura');
    expect(single(backup, 'Service', 'UMask')).toBe('0077');
    expect(single(backup, 'Service', 'StateDirectoryMode')).toBe('0700');
    expect(single(backup, 'Service', 'StateDirectory').split(/\s+/)).toEqual([
      'voz-segura',
      'voz-segura-backups',
    ]);
    expect(single(backup, 'Service', 'ReadWritePaths').split(/\s+/)).toEqual([
      serviceEnv.get('DATA_DIR'),
      backupDir,
    ]);
    expect(packageScripts.backup).toBe('tsx scripts/backup.ts');
    expect(single(backup, 'Service', 'ExecStart')).toContain(
      `${INSTALL_DIR}/node_modules/.bin/tsx scripts/backup.ts "${backupDir}/`,
    );
    expect(single(backup, 'Service', 'ProtectSystem')).toBe('strict');
    expect(values(backup, 'Service', 'MemoryDenyWriteExecute')).toEqual([]);
  });

  it('writes a mode 0600 backup named by the day and deletes those over 14 days old', () => {
    // The unit's own commands, run here with its umask: systemd's $$ and %% unescaped, the
    // install and backup directories moved into a temporary directory.
    const dataDir = path.join(work, 'data');
    const backups = path.join(work, 'backups');
    for (const dir of [dataDir, backups]) execFileSync('mkdir', ['-p', dir]);
    createDb(path.join(dataDir, 'voz-segura.db')).close();
    const local = (command: string): string =>
      command
        .replaceAll('$$', '$')
        .replaceAll('%%', '%')
        .replaceAll(INSTALL_DIR, ROOT)
        .replaceAll(backupDir, backups);
    const run = (command: string): void => {
      execFileSync('/bin/sh', ['-c', `umask ${single(backup, 'Service', 'UMask')}; ${command}`], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
        stdio: 'pipe',
      });
    };
    const old = path.join(backups, 'voz-segura-2020-01-01.db');
    const recent = path.join(backups, 'voz-segura-2020-01-20.db');
    const day = 24 * 3600;
    const now = Date.now() / 1000;
    for (const [file, age] of [
      [old, 15 * day],
      [recent, 12 * day],
    ] as const) {
      writeFileSync(file, '');
      utimesSync(file, now - age, now - age);
    }
    run(local(single(backup, 'Service', 'ExecStart')));
    run(local(single(backup, 'Service', 'ExecStartPost')));
    const made = `voz-segura-${new Date().toISOString().slice(0, 10)}.db`;
    expect(readdirSync(backups).sort()).toEqual([path.basename(recent), made].sort());
    expect(statSync(path.join(backups, made)).mode & 0o777).toBe(0o600);
  });

  it('runs daily, catching up after downtime', () => {
    const calendar = single(timer, 'Timer', 'OnCalendar');
    expect(calendar).toMatch(/^\*-\*-\* \d{2}:\d{2}:\d{2}( UTC)?$/);
    expect(single(timer, 'Timer', 'Persistent')).toBe('true');
    expect(single(timer, 'Install', 'WantedBy')).toBe('timers.target');
    if (existsSync(SYSTEMD_ANALYZE)) {
      const out = execFileSync(SYSTEMD_ANALYZE, ['calendar', '--iterations=2', calendar], {
        encoding: 'utf8',
      });
      const next = [...out.matchAll(/(?:elapse|Iter\. #2): \w{3} (\d{4}-\d{2}-\d{2} [\d:]+)/g)].map(
        (m) => m[1],
      );
      expect(next).toHaveLength(2);
      const gap = Date.parse(`${next[1]}Z`) - Date.parse(`${next[0]}Z`);
      expect(gap).toBe(24 * 3600 * 1000);
    }
  });

  it('are units systemd accepts (systemd-analyze verify, where installed)', () => {
    // The timer starts the service of the same name, so both go into the same directory.
    if (existsSync(SYSTEMD_ANALYZE))
      verifyUnits([localCopy('voz-segura-backup.service'), localCopy('voz-segura-backup.timer')]);
    else expect(timer.has('Timer')).toBe(true);
  });
});
