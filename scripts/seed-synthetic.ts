// Fills a separate database with fictional reports for load tests and demos:
//   npm run seed:synthetic -- --reports 1000000 --db data/synthetic.db [--seed 1]
// The database is labelled synthetic (meta.synthetic = 'true'), and the script refuses to
// write into a database that already holds reports without that label, so generated and real
// reports are never mixed. Reports have facts only: no sealed boxes.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createDb } from '../db/client.ts';
import { codeList } from '../db/repos/reports-repo.ts';
import { primaryGbvType } from '../src/shared/gbvims.ts';
import { currentPeruMonth, monthFromIndex, monthIndex } from '../src/shared/months.ts';
import { FACT_CODES, type ViolenceCode } from '../src/shared/vocabulary.ts';

/** mulberry32: small, fast and seedable, so a run can be repeated exactly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticState(file: string): { reports: number; synthetic: boolean } {
  const h = createDb(file);
  try {
    const reports = (h.sqlite.prepare('select count(*) as n from reports').get() as { n: number })
      .n;
    const label = h.sqlite.prepare(`select value from meta where key = 'synthetic'`).get() as
      | { value: string }
      | undefined;
    return { reports, synthetic: label?.value === 'true' };
  } finally {
    h.close();
  }
}

/** Adds `count` synthetic reports to `file`; refuses a database with unlabelled reports. */
export function seedSynthetic(file: string, count: number, seed: number): void {
  const state = syntheticState(file);
  if (state.reports > 0 && !state.synthetic) {
    throw new Error(
      `${file} already holds ${state.reports} reports that are not labelled synthetic; refusing to mix generated reports with them`,
    );
  }
  const h = createDb(file);
  h.sqlite.pragma('synchronous = OFF');
  h.sqlite.prepare(`insert or replace into meta (key, value) values ('synthetic', 'true')`).run();
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Skewed towards Lima Metropolitana, the police and a few common harms, as real data may be.
  const regions = [...FACT_CODES.region, '1501', '1501', '1501', '1501', '16', '25', '07', '20'];
  const perpetrators = [
    ...FACT_CODES.perpetrators,
    'police',
    'police',
    'serenazgo',
    'client',
    'client',
  ];
  const violence = [
    ...FACT_CODES.violence,
    'extortion',
    'threats',
    'physical',
    'robbery',
    'unpaid',
  ];
  const distinct = <T>(list: readonly T[], max: number): T[] => {
    const n = 1 + Math.floor(random() * random() * max);
    return [...new Set(Array.from({ length: n }, () => pick(list)))];
  };
  const now = monthIndex(currentPeruMonth(new Date()));
  const insertReport = h.sqlite.prepare(
    `insert into reports (id, incident_month, region, perpetrators, violence, identity, age_band,
       nationality, setting, reported_to_authority, channel, gbv_type, verified, body_hash,
       received_day)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'synthetic', ?)`,
  );
  const batch = h.sqlite.transaction((n: number) => {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const month = monthFromIndex(now - Math.floor(random() * 120));
      const harms = distinct(violence, 3) as ViolenceCode[];
      // Drawn in the same order as before the codes moved into the row, so a seed still
      // gives the same data.
      const region = pick(regions);
      const single = [
        pick(FACT_CODES.identity),
        pick(FACT_CODES.ageBand),
        pick(FACT_CODES.nationality),
        pick(FACT_CODES.setting),
        pick(FACT_CODES.reportedToAuthority),
        pick(FACT_CODES.channel),
      ];
      const verified = random() < 0.3 ? 1 : 0;
      const who = distinct(perpetrators, 3);
      insertReport.run(
        id,
        month,
        region,
        codeList(who),
        codeList(harms),
        ...single,
        primaryGbvType(harms),
        verified,
        `${month}-28`,
      );
    }
  });
  for (let done = 0; done < count; done += 50_000) batch(Math.min(50_000, count - done));
  h.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  h.close();
}

function main(): void {
  const { values } = parseArgs({
    options: {
      reports: { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  const count = Number(values.reports);
  if (!values.db || !Number.isInteger(count) || count < 1) {
    throw new Error('usage: npm run seed:synthetic -- --reports <n> --db <file> [--seed <n>]');
  }
  const started = Date.now();
  seedSynthetic(values.db, count, Number(values.seed));
  process.stdout.write(
    `seed:synthetic: added ${count} synthetic reports to ${values.db} in ${((Date.now() - started) / 1000).toFixed(1)} s (labelled synthetic)\n`,
  );
}

if (process.argv[1]?.endsWith('seed-synthetic.ts')) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`seed:synthetic: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
