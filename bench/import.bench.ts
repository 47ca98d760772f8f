/**
 * `npm run bench -- import --json [--events N]`: events imported per second from one bundle
 * (default 100,000 events), ledger entries included, on SQLite and on PostgreSQL. The baseline,
 * run in the same process on the same engine, is a bare multi-row insert of the same event
 * rows with no validation and no ledger: the ratio is what the guarantees cost.
 */
import { performance } from 'node:perf_hooks';
import { importBundle } from '../src/app/import-bundle.ts';
import type { Engine } from '../src/store/engine.ts';
import { createTestDatabase } from '../test/databases.ts';
import { generateBundle } from './generate-bundle.ts';
import { median } from './report.ts';
import type { Report } from './report.ts';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function timeImport(engineName: 'sqlite' | 'postgres', events: number): Promise<{ seconds: number; baselineSeconds: number }> {
  const bundle = generateBundle({ events });
  const database = await createTestDatabase(engineName);
  const engine = await database.open();
  try {
    const start = performance.now();
    await importBundle(engine, bundle, 'bench.json');
    const seconds = (performance.now() - start) / 1000;
    return { seconds, baselineSeconds: await timeBareInsert(engine, events) };
  } finally {
    await engine.close();
    await database.drop();
  }
}

/** The same number of event rows, inserted with no checks and no ledger (into a scratch table). */
async function timeBareInsert(engine: Engine, events: number): Promise<number> {
  await engine.db.schema.createTable('bench_events')
    .addColumn('id', engine.bigintType, (c) => c.primaryKey()).addColumn('copy_id', 'text').addColumn('product_id', 'text')
    .addColumn('actor_id', 'text').addColumn('action', 'text').addColumn('at', 'text').addColumn('source', 'text')
    .addColumn('source_record_id', 'text').execute();
  const rows = Array.from({ length: events }, (_, i) => ({
    id: i, copy_id: `P-${i % 1000}.c1`, product_id: `P-${i % 1000}`, actor_id: `p${i % 1000}`, action: 'opened',
    at: new Date(1_640_000_000_000 + i * 1000).toISOString(), source: 'bundle', source_record_id: `e${i}`,
  }));
  const db = engine.db.withTables<{ bench_events: (typeof rows)[number] }>();
  const start = performance.now();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 4000) await trx.insertInto('bench_events').values(rows.slice(i, i + 4000)).execute();
  });
  return (performance.now() - start) / 1000;
}

export async function run(args: string[], report: Report): Promise<void> {
  const events = option(args, '--events', 100_000);
  const runs = option(args, '--runs', 3);
  for (const engineName of ['sqlite', 'postgres'] as const) {
    const results = [];
    for (let r = 0; r < runs; r++) results.push(await timeImport(engineName, events));
    const rate = events / median(results.map((x) => x.seconds));
    const baseline = events / median(results.map((x) => x.baselineSeconds));
    report({
      metric: 'events_per_second', value: Math.round(rate), unit: 'events/s', engine: engineName, events, runs,
      baseline: 'bare multi-row insert, no validation, no ledger', baselineValue: Math.round(baseline),
      ratio: Number((rate / baseline).toFixed(3)), note: 'median of runs; ledger entries included',
    });
  }
}
