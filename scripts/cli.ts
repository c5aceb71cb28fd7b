// What the command-line scripts share: failing with a message and an exit code, and reading
// their arguments (a wrong one prints the usage line and exits with 2).
import { parseArgs } from 'node:util';

export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The named string options; any other option or argument prints the usage line. */
export function stringOptions<K extends string>(
  names: readonly K[],
  usage: string,
): Partial<Record<K, string>> {
  const options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
  try {
    return parseArgs({ options, strict: true }).values as Partial<Record<K, string>>;
  } catch (err) {
    return fail(`${errorText(err)}\n${usage}`, 2);
  }
}

/** The script's one file argument; without it, the usage line. */
export function fileArgument(usage: string): string {
  return process.argv[2] || fail(usage, 2);
}
