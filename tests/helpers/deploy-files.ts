// Small readers for the deployment files in deploy/: enough of systemd's unit syntax, Caddy's
// Caddyfile and Tor's torrc to check what the files say, not full parsers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout the tests run in, and its deploy/ folder. */
export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEPLOY = path.join(ROOT, 'deploy');

/** A systemd unit: each section's key=value lines, in order, repeated keys kept. */
export type Unit = Map<string, Array<[string, string]>>;

export function parseUnit(text: string): Unit {
  const unit: Unit = new Map();
  let section: Array<[string, string]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header?.[1]) {
      section = [];
      unit.set(header[1], section);
      continue;
    }
    const eq = line.indexOf('=');
    if (!section || eq < 1) throw new Error(`not a unit line: ${line}`);
    section.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return unit;
}

/** Every value a key has in a section (systemd lets several lines add up). */
export function values(unit: Unit, section: string, key: string): string[] {
  return (unit.get(section) ?? []).filter(([k]) => k === key).map(([, v]) => v);
}

/** The one value of a key; fails if it is missing or repeated. */
export function single(unit: Unit, section: string, key: string): string {
  const found = values(unit, section, key);
  if (found.length !== 1) throw new Error(`[${section}] ${key}: ${found.length} values`);
  return found[0] as string;
}

/** The Environment= lines as variable → value (values here hold no spaces or quotes). */
export function environment(unit: Unit): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of values(unit, 'Service', 'Environment')) {
    for (const pair of line.split(/\s+/)) {
      const eq = pair.indexOf('=');
      env.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  return env;
}

/** The variables src/shared/config.ts validates: the keys of its EnvSchema object. */
export function configVariables(configSource: string): Set<string> {
  const block = /const EnvSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(configSource)?.[1];
  if (!block) throw new Error('EnvSchema not found in src/shared/config.ts');
  return new Set([...block.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1] as string));
}

/** A Caddyfile block: the tokens before `{` (addresses, or a snippet name) and its lines. */
export type CaddyBlock = { head: string; lines: string[][] };

/** The top-level blocks of a Caddyfile, each line of a block split into tokens, comments out. */
export function parseCaddyfile(text: string): CaddyBlock[] {
  const blocks: CaddyBlock[] = [];
  let depth = 0;
  let current: CaddyBlock | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const tokens = line.split(/\s+/);
    if (depth === 0) {
      if (tokens.at(-1) !== '{') throw new Error(`expected a block: ${line}`);
      current = { head: tokens.slice(0, -1).join(' '), lines: [] };
      blocks.push(current);
      depth = 1;
      continue;
    }
    current?.lines.push(tokens);
    if (tokens.at(-1) === '{') depth += 1;
    if (tokens[0] === '}') depth -= 1;
  }
  if (depth !== 0) throw new Error('unbalanced braces in the Caddyfile');
  return blocks;
}

/** Bytes in a Caddy size such as 720KiB, 1MiB or 1MB (Caddy reads them with go-humanize). */
export function caddySize(size: string): number {
  const m = /^(\d+)(B|KB|KiB|MB|MiB)?$/i.exec(size);
  if (!m) throw new Error(`not a size: ${size}`);
  const units: Record<string, number> = {
    b: 1,
    kb: 1000,
    kib: 1024,
    mb: 1000 ** 2,
    mib: 1024 ** 2,
  };
  return Number(m[1]) * (units[(m[2] ?? 'b').toLowerCase()] as number);
}

/** A torrc: option → values, in order. */
export function parseTorrc(text: string): Map<string, string[]> {
  const options = new Map<string, string[]>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const [key = '', ...rest] = line.split(/\s+/);
    options.set(key, [...(options.get(key) ?? []), rest.join(' ')]);
  }
  return options;
}

export function read(file: string): string {
  return readFileSync(file, 'utf8');
}

/** The variables deploy/voz-segura.service sets for the service, as variable → value. */
export function serviceEnvironment(): Map<string, string> {
  return environment(parseUnit(read(path.join(DEPLOY, 'voz-segura.service'))));
}
