import { buildApp } from './api/app.ts';
import { createDb } from './db/client.ts';

for (const f of ['/tmp/wt-stats-syn10k.db']) {
  const app = await buildApp({ statsK: 5 }, { db: createDb(f) });
  for (const q of [
    'by=month,region,perpetrator',
    'by=month,region,violence&verified=true',
    'by=month,region,perpetrator&from=2007-01&to=2026-12',
    'by=region,perpetrator,violence',
  ]) {
    const t = performance.now();
    const r = await app.inject({ url: `/api/stats?${q}` });
    console.log(q, r.statusCode, (performance.now() - t).toFixed(0), 'ms', r.body.length);
  }
}
