// Crash test: submits a load of reports, kill -9s the server partway, restarts it, and checks
// that every report that got a 201 is stored exactly once, that nothing is half-stored, that
// the counts match the stored reports, and that SQLite's integrity check passes.
// Usage: npm run test:durability [-- --reports 2000 --concurrency 32]
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { codeList } from '../db/repos/reports-repo.ts';
import type { Recipient, ReportSubmission } from '../src/contract/schemas.ts';
import { loadSodium } from '../src/crypto/sodium.ts';
import { removeDir, startServer } from '../tests/helpers/server.ts';
import { exactTotal } from '../tests/helpers/server-stats.ts';
import { buildSyntheticSubmission } from './synthetic-submission.ts';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
  },
});
const TOTAL = Number(values.reports);
const CONCURRENCY = Number(values.concurrency);
const ENV = {
  POW_DIFFICULTY: '0',
  RATE_LIMIT_REPORTS: '100000000',
  MAX_COMMIT_MS: '0',
  MAX_EVENT_LOOP_DELAY_MS: '0',
  LOG_LEVEL: 'warn',
};

type Result = 'acked' | 'failed';
const failures: string[] = [];
let checks = 0;
const check = (ok: boolean, what: string): void => {
  checks++;
  process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  if (!ok) failures.push(what);
};

async function post(url: string, body: ReportSubmission): Promise<number> {
  const res = await fetch(`${url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

async function main(): Promise<void> {
  const sodium = await loadSodium();
  let server = await startServer(ENV);
  const dataDir = server.dataDir;
  try {
    const { recipients } = (await (await fetch(`${server.url}/api/recipients`)).json()) as {
      recipients: Recipient[];
    };
    process.stdout.write(`durability: sealing ${TOTAL} synthetic reports…\n`);
    const bodies = Array.from({ length: TOTAL }, (_, i) =>
      buildSyntheticSubmission(sodium, recipients, i),
    );
    const outcome = new Map<string, Result>();
    let next = 0;
    let crashed = false;
    const killAt = Math.floor(TOTAL * 0.4);
    const worker = async (): Promise<void> => {
      while (next < TOTAL && !crashed) {
        const body = bodies[next++] as ReportSubmission;
        try {
          const status = await post(server.url, body);
          outcome.set(body.id, status === 201 ? 'acked' : 'failed');
        } catch {
          outcome.set(body.id, 'failed');
        }
        if (!crashed && [...outcome.values()].filter((o) => o === 'acked').length >= killAt) {
          crashed = true;
          await server.crash();
        }
      }
    };
    process.stdout.write(
      `durability: submitting with ${CONCURRENCY} clients; kill -9 after ${killAt} acknowledgements\n`,
    );
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const acked = [...outcome].filter(([, o]) => o === 'acked').map(([id]) => id);
    process.stdout.write(`durability: ${acked.length} acknowledged before the crash; restarting\n`);
    // Without a kill in the middle of the load, every check below would pass trivially.
    const unacknowledged = TOTAL - acked.length;
    check(
      crashed && unacknowledged > 0,
      `the server was killed while reports were still being sent (${unacknowledged} unacknowledged)`,
    );

    server = await startServer(ENV, { dataDir });
    const dbFile = path.join(dataDir, 'voz-segura.db');
    const db = new Database(dbFile, { readonly: true });
    const once = db.prepare('select count(*) as n from reports where id = ?');
    const boxes = db.prepare('select count(*) as n from report_boxes where report_id = ?');
    const facts = db.prepare('select region, perpetrators, violence from reports where id = ?');
    const sent = new Map(bodies.map((b) => [b.id, b]));
    const lost = acked.filter((id) => (once.get(id) as { n: number }).n !== 1);
    check(
      lost.length === 0,
      `every acknowledged report is stored exactly once (${acked.length}; missing ${lost.length})`,
    );
    const stored = (db.prepare('select id from reports').all() as Array<{ id: string }>).map(
      (r) => r.id,
    );
    // Whole: every box it was sent with, and its facts as sent (codes in code order).
    const half = stored.filter((id) => {
      const row = facts.get(id) as { region: string; perpetrators: string; violence: string };
      const body = sent.get(id);
      return (
        !body ||
        (boxes.get(id) as { n: number }).n !== body.sealed.length ||
        row.region !== body.facts.region ||
        row.perpetrators !== codeList(body.facts.perpetrators) ||
        row.violence !== codeList(body.facts.violence)
      );
    });
    check(half.length === 0, `every stored report is whole: boxes and facts (${stored.length})`);

    // Everything not acknowledged is sent again, as the form would; none may be stored twice.
    const again = bodies.filter((b) => outcome.get(b.id) !== 'acked');
    let retried201 = 0;
    for (const body of again) if ((await post(server.url, body)) === 201) retried201++;
    check(
      retried201 === again.length,
      `every unacknowledged report is accepted on retry (${retried201}/${again.length})`,
    );
    const total = (db.prepare('select count(*) as n from reports').get() as { n: number }).n;
    check(total === TOTAL, `exactly ${TOTAL} reports stored after retries (found ${total})`);
    // The restarted server's own exact figures (every synthetic report is sealed to the demo
    // advocacy organisation, whose admin reads them).
    const counted = await exactTotal(server);
    check(counted === total, `the counts match the stored reports (${counted})`);
    const integrity = db.pragma('integrity_check', { simple: true });
    check(integrity === 'ok', `PRAGMA integrity_check: ${String(integrity)}`);
    db.close();
  } finally {
    await server.stop();
    removeDir(dataDir);
  }
  process.stdout.write(
    `durability: ${checks - failures.length} passed, ${failures.length} failed\n`,
  );
  // Exit explicitly: an idle keep-alive socket or a stray handle must never leave CI waiting.
  process.exit(failures.length ? 1 : 0);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `durability test failed: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
