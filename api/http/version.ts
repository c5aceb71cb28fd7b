// The service's version, from package.json (the one place it is written), for /docs/json and the
// first line npm start prints. CHANGELOG.md names the same version (tests/api/version.test.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');

export const VERSION: string = (JSON.parse(readFileSync(PACKAGE, 'utf8')) as { version: string })
  .version;
