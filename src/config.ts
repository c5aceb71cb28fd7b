// The one place that reads the environment. Validated once at start; a bad value stops the
// service with a message that names the variable.
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_PATH: z.string().min(1).optional(),
  STATS_K: z.coerce.number().int().min(2).max(100).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  // Set when a reverse proxy terminates TLS: staff cookies then carry the Secure attribute.
  SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databasePath: string;
  keysDir: string;
  statsK: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  secureCookies: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databasePath:
      e.DATABASE_PATH === ':memory:'
        ? ':memory:'
        : path.resolve(e.DATABASE_PATH ?? path.join(dataDir, 'voz-segura.db')),
    keysDir: path.join(dataDir, 'keys'),
    statsK: e.STATS_K,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO === 'true',
    secureCookies: e.SECURE_COOKIES === 'true',
  };
}
