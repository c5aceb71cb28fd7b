// The reverse proxies in deploy/ (explained in docs/operations.md): the Caddyfile and the Tor
// onion service are checked against the service they stand in front of, so a wrong port, a lost
// body limit or a client log fails here; and the pages' CSP must work over a plain-HTTP onion
// address. Where caddy or tor is on this machine the file is also handed to it; the checks on
// the parsed text run everywhere.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MESSAGE_BODY_LIMIT, REPORT_BODY_LIMIT } from '../../api/guards/body-limits.ts';
import { buildSecurityHeaders } from '../../api/plugins/security-headers.ts';
import {
  caddySize,
  DEPLOY,
  parseCaddyfile,
  parseTorrc,
  read,
  serviceEnvironment,
} from '../helpers/deploy-files.ts';

const CADDY = '/usr/bin/caddy';
const TOR = '/usr/bin/tor';

const serviceEnv = serviceEnvironment();

const work = mkdtempSync(path.join(os.tmpdir(), 'vs-deploy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('deploy/Caddyfile', () => {
  const text = read(path.join(DEPLOY, 'Caddyfile'));
  const blocks = parseCaddyfile(text);
  const upstream = `${serviceEnv.get('HOST')}:${serviceEnv.get('PORT')}`;
  const directives = (name: string): string[][] =>
    blocks.flatMap((b) => b.lines.filter((tokens) => tokens[0] === name));

  it('sends every request to the address the service listens on', () => {
    const proxies = directives('reverse_proxy');
    expect(proxies.length).toBeGreaterThan(0);
    for (const tokens of proxies) expect(tokens.slice(1)).toEqual([upstream]);
  });

  it('logs no client: no access log, and the error log (which names clients) left out', () => {
    const [global, ...sites] = blocks;
    expect(global?.head).toBe('');
    for (const site of sites) expect(site.lines.filter((t) => t[0] === 'log')).toEqual([]);
    expect(global?.lines.some((t) => t.join(' ') === 'exclude http.log.error')).toBe(true);
  });

  it('lets through every body the service accepts', () => {
    const sizes = directives('max_size').map((tokens) => caddySize(tokens[1] ?? ''));
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) {
      expect(size).toBeGreaterThanOrEqual(REPORT_BODY_LIMIT);
      expect(size).toBeGreaterThanOrEqual(MESSAGE_BODY_LIMIT);
    }
  });

  it('adds no header of its own that the service already sets, and compresses nothing', () => {
    expect(directives('header')).toEqual([]);
    expect(directives('encode')).toEqual([]);
  });

  it('is a configuration Caddy accepts (caddy adapt, where installed)', () => {
    // CI installs Caddy (.ci/run), so there this check always runs.
    if (!existsSync(CADDY)) {
      expect(process.env.CI, `${CADDY} is missing; .ci/run installs it`).toBeUndefined();
      return;
    }
    const adapted = spawnSync(
      CADDY,
      ['adapt', '--config', path.join(DEPLOY, 'Caddyfile'), '--adapter', 'caddyfile'],
      { encoding: 'utf8' },
    );
    expect(adapted.status, adapted.stderr).toBe(0);
    // A warning (an unformatted file, say) is worth fixing too.
    expect(adapted.stderr).toBe('');
    const json = adapted.stdout;
    const dials = [...json.matchAll(/"dial":"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(dials)).toEqual(new Set([upstream]));
    const sizes = [...json.matchAll(/"max_size":(\d+)/g)].map((m) => Number(m[1]));
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(REPORT_BODY_LIMIT);
    const config = JSON.parse(json) as {
      logging?: { logs?: Record<string, { exclude?: string[] }> };
      apps: { http: { servers: Record<string, { logs?: unknown }> } };
    };
    for (const server of Object.values(config.apps.http.servers))
      expect(server.logs).toBe(undefined);
    expect(config.logging?.logs?.default?.exclude).toContain('http.log.error');
  });
});

describe('deploy/torrc-onion-service.conf', () => {
  const torrc = parseTorrc(read(path.join(DEPLOY, 'torrc-onion-service.conf')));
  const onionListener = parseCaddyfile(read(path.join(DEPLOY, 'Caddyfile'))).find((b) =>
    b.head.startsWith('http://:'),
  );

  it('keeps its keys where Debian’s tor can write them', () => {
    expect(torrc.get('HiddenServiceDir')).toHaveLength(1);
    expect(torrc.get('HiddenServiceDir')?.[0]).toMatch(/^\/var\/lib\/tor\/[\w-]+\/$/);
  });

  it('sends onion port 80 to Caddy’s loopback listener, which forwards to the service', () => {
    const caddyPort = onionListener?.head.slice('http://:'.length);
    expect(onionListener?.lines).toContainEqual(['bind', '127.0.0.1']);
    expect(torrc.get('HiddenServicePort')).toEqual([`80 127.0.0.1:${caddyPort}`]);
    expect(onionListener?.lines).toContainEqual(['import', 'voz_segura']);
  });

  it('is a configuration tor accepts (tor --verify-config, where installed)', () => {
    // CI installs tor (.ci/run), so there this check always runs.
    if (!existsSync(TOR)) {
      expect(process.env.CI, `${TOR} is missing; .ci/run installs it`).toBeUndefined();
      return;
    }
    const dir = mkdtempSync(path.join(work, 'tor-'));
    const file = path.join(dir, 'torrc');
    const hsDir = path.join(dir, 'hs');
    execFileSync('mkdir', ['-m', '0700', hsDir]);
    writeFileSync(
      file,
      read(path.join(DEPLOY, 'torrc-onion-service.conf')).replace(
        /^HiddenServiceDir .*$/m,
        `HiddenServiceDir ${hsDir}/`,
      ),
    );
    const run = spawnSync(
      TOR,
      ['--verify-config', '-f', file, '--defaults-torrc', '/dev/null', '--DataDirectory', dir],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain('Configuration was valid');
  });
});

describe('the pages over a plain-HTTP onion address', () => {
  const csp = buildSecurityHeaders({ hsts: true })['content-security-policy'] ?? '';

  it('have a CSP that names no host and does not upgrade requests to https', () => {
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).not.toContain('block-all-mixed-content');
    const sources = csp.split(';').flatMap((d) => d.trim().split(/\s+/).slice(1));
    for (const source of sources)
      expect(["'self'", "'none'", "'wasm-unsafe-eval'", 'data:']).toContain(source);
    // libsodium (sealing in the browser) is WebAssembly.
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });
});
