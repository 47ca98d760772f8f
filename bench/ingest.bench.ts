/**
 * `npm run bench -- ingest --json [--records N] [--events N] [--runs N] [--engines sqlite,postgres] [--parts ingest,big]`
 *
 * 1. Audit-log ingest: Microsoft 365 records in the shape of the real samples (SharePoint
 *    FileAccessed/FilePreviewed/FileDownloaded/FileDeleted/FileModified, with ObjectId,
 *    SourceFileName, SiteUrl, UserId…), default 200,000 (`--records 1000000`), imported with
 *    importAuditLog: parse, map, events + ledger entries, quarantine + ledger entries, one
 *    transaction. About 10% are FileModified and 5% come from unmapped accounts, so the
 *    quarantine path is measured too. Baseline in the same process: parsing alone.
 * 2. Pathway: median time of productPathway for a product with 500 copies, in a database of
 *    `--events` events (default 2,000,000; `--events 10000000`). Baseline: the bare indexed
 *    select of that product's events.
 * 3. Audit: runAudit over all of those events, and for one agency (`--agency`-scoped loading).
 *    Baseline: the bare select of every event.
 *
 * The big database is built directly in SQL (a recursive CTE on SQLite, generate_series on
 * PostgreSQL) inside one transaction, with no ledger entries: it measures reads, not writes,
 * and the write path is what part 1 measures.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { importAuditLog, importMappings } from '../src/app/audit-import.ts';
import { runAudit } from '../src/app/audit.ts';
import { importBundle } from '../src/app/import-bundle.ts';
import { productPathway } from '../src/app/pathway.ts';
import { parseAuditLog } from '../src/adapters/audit-logs/index.ts';
import { createRandom } from '../src/domain/random.ts';
import type { Database } from '../src/store/database.ts';
import type { Engine } from '../src/store/engine.ts';
import { createTestDatabase } from '../test/databases.ts';
import { generateBundle } from './generate-bundle.ts';
import { median } from './report.ts';
import type { Report } from './report.ts';

type EngineName = 'sqlite' | 'postgres';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function engineList(args: string[]): EngineName[] {
  const i = args.indexOf('--engines');
  const names = i >= 0 ? (args[i + 1] ?? '').split(',') : ['sqlite', 'postgres'];
  return names.filter((n): n is EngineName => n === 'sqlite' || n === 'postgres');
}

async function withDatabase<T>(engineName: EngineName, work: (engine: Engine) => Promise<T>): Promise<T> {
  const database = await createTestDatabase(engineName);
  const engine = await database.open();
  try {
    return await work(engine);
  } finally {
    await engine.close();
    await database.drop();
  }
}

const seconds = (start: number): number => (performance.now() - start) / 1000;

// ——— 1. ingest ———

const principalOf = (personId: string, agencyId: string): string => `${personId}@${agencyId.toLowerCase()}.gc.ca`;
const siteOf = (agencyId: string): string => `https://${agencyId.toLowerCase()}.sharepoint.com/sites/intel`;

/** The registry of generateBundle, its accounts and sites mapped. Returns each copy with its holder. */
export async function prepareRegistry(engine: Engine): Promise<Array<{ copyId: string; principal: string; agencyId: string }>> {
  const bundle = generateBundle({ events: 0 });
  await importBundle(engine, bundle, 'bench.json');
  const agencyOf = new Map(bundle.people.map((p) => [p.id, p.agency]));
  await importMappings(engine, {
    principals: bundle.people.map((p) => ({ person: p.id, principal: principalOf(p.id, p.agency) })),
    sites: (bundle.agencies ?? []).map((a) => ({ site: siteOf(a.id), agency: a.id })),
  }, 'bench-mapping.json');
  const copies = await engine.db.selectFrom('copies').select(['id', 'recipient_id']).execute();
  return copies.map((c) => {
    const agencyId = agencyOf.get(c.recipient_id) ?? 'AG0';
    return { copyId: c.id, principal: principalOf(c.recipient_id, agencyId), agencyId };
  });
}

const operations = [
  ['FileAccessed', 50], ['FilePreviewed', 15], ['FileDownloaded', 15], ['FileModified', 10], ['FileDeleted', 5], ['FileAccessed', 5],
] as const;

/** M365 SharePoint records, one JSON object a line, with the fields of the real samples. */
export function generateM365(count: number, copies: ReadonlyArray<{ copyId: string; principal: string; agencyId: string }>): string {
  const random = createRandom('bench-m365');
  const hex = (n: number): string => Array.from({ length: n }, () => random.int(16).toString(16)).join('');
  const uuid = (): string => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  const base = Date.UTC(2023, 0, 1);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const copy = copies[random.int(copies.length)];
    if (copy === undefined) break;
    let pick = random.int(100);
    const op = operations.find(([, weight]) => (pick -= weight) < 0) ?? operations[0];
    const unmapped = op === operations[5];
    const site = siteOf(copy.agencyId);
    const file = `${copy.copyId}.pdf`;
    lines.push(JSON.stringify({
      ClientIP: '67.43.156.15', CorrelationId: uuid(), CreationTime: new Date(base + i * 1000).toISOString().slice(0, 19), EventSource: 'SharePoint',
      Id: uuid(), ItemType: 'File', ListId: uuid(), ListItemUniqueId: uuid(), ObjectId: `${site}/Shared Documents/${file}`,
      Operation: op[0], OrganizationId: 'b86ab9d4-fcf1-4b11-8a06-7a8f91b47fbd', RecordType: '6', Site: uuid(), SiteUrl: `${site}/`,
      SourceFileExtension: 'pdf', SourceFileName: file, SourceRelativeUrl: 'Shared Documents',
      UserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Gecko/20100101 Firefox/120.0',
      UserId: unmapped ? `guest${random.int(1000)}@example.com` : copy.principal, UserKey: `i:0h.f|membership|${hex(16)}@live.com`,
      UserType: '0', Version: '1', WebId: uuid(), Workload: 'SharePoint',
    }));
  }
  return `${lines.join('\n')}\n`;
}

async function benchIngest(engineName: EngineName, records: number, runs: number, report: Report): Promise<void> {
  const rates: number[] = [];
  const parseRates: number[] = [];
  let last = { events: 0, quarantined: 0 };
  for (let r = 0; r < runs; r++) {
    await withDatabase(engineName, async (engine) => {
      const text = generateM365(records, await prepareRegistry(engine));
      let start = performance.now();
      parseAuditLog(text, 'm365', 'bench.jsonl');
      parseRates.push(records / seconds(start));
      start = performance.now();
      const counts = await importAuditLog(engine, { text, format: 'm365', fileName: 'bench.jsonl' });
      rates.push(records / seconds(start));
      last = counts;
    });
  }
  const rate = median(rates);
  const baseline = median(parseRates);
  report({
    metric: 'm365 records imported per second', value: Math.round(rate), unit: 'records/s', engine: engineName,
    baseline: 'parseAuditLog alone, same records', baselineValue: Math.round(baseline), ratio: Math.round((rate / baseline) * 1000) / 1000,
    records, runs, note: `${last.events} events, ${last.quarantined} quarantined; aim 50,000/s on SQLite`,
  });
}

// ——— 2 and 3. a big database ———

interface BigShape { readonly events: number; readonly products: number; readonly copiesPerProduct: number; readonly people: number }

/**
 * Product P-0 has 500 copies; P-1… have `copiesPerProduct`, held by people of two agencies
 * (product k: agencies k mod 10 and k+1 mod 10), so an agency's audit touches a fifth of the data.
 * Event i falls on copy i mod (number of copies), acted by the copy's holder.
 */
async function buildBigDatabase(engine: Engine, shape: BigShape): Promise<void> {
  const bundle = generateBundle({ events: 0, people: shape.people, products: 1 });
  await importBundle(engine, { ...bundle, disseminations: [] }, 'bench.json');
  await engine.db.transaction().execute(async (trx) => {
    const products = Array.from({ length: shape.products }, (_, k) => ({
      id: `B-${k}`, title: `Bench ${k}`, marking: 'SECRET', originator: 'CSIS', created_at: '2022-01-01T00:00:00.000Z', salt: '00',
    }));
    for (let i = 0; i < products.length; i += 2000) await trx.insertInto('products').values(products.slice(i, i + 2000)).execute();
    const versions = products.map((p) => ({ product_id: p.id, version: 1, marking: 'SECRET', label: 'full', body: '(S) Bench.' }));
    for (let i = 0; i < versions.length; i += 2000) await trx.insertInto('product_versions').values(versions.slice(i, i + 2000)).execute();
    const copies = products.flatMap((p, k) => Array.from({ length: k === 0 ? 500 : shape.copiesPerProduct }, (_, s) => {
      const agency = (k + (s % 2)) % 10;
      const person = agency + 10 * ((k * 7 + s) % (shape.people / 10));
      return { id: `${p.id}.c${s + 1}`, product_id: p.id, version: 1, recipient_id: `p${person}`, parent_copy_id: null, serial: s + 1, issued_at: '2022-02-01T00:00:00.000Z', channel: 'electronic', codeword: null };
    }));
    for (let i = 0; i < copies.length; i += 2000) await trx.insertInto('copies').values(copies.slice(i, i + 2000)).execute();
    await trx.schema.createTable('bench_copy_index').temporary().addColumn('n', 'integer', (c) => c.primaryKey()).addColumn('copy_id', 'text').addColumn('product_id', 'text').addColumn('recipient_id', 'text').execute();
    const indexed = copies.map((c, n) => ({ n, copy_id: c.id, product_id: c.product_id, recipient_id: c.recipient_id }));
    const db = trx.withTables<{ bench_copy_index: (typeof indexed)[number] }>();
    for (let i = 0; i < indexed.length; i += 2000) await db.insertInto('bench_copy_index').values(indexed.slice(i, i + 2000)).execute();
    await insertEvents(trx, engine.name, shape.events, copies.length);
  });
}

/** Events in one statement; times spread over 2022-02..2023-12 so quarters and retention apply. */
async function insertEvents(trx: Kysely<Database>, engineName: EngineName, events: number, copies: number): Promise<void> {
  const actions = `case (i % 20) when 0 then 'printed' when 1 then 'downloaded' when 2 then 'destroyed' else 'opened' end`;
  const at = engineName === 'sqlite'
    ? sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', 1643760000 + (i * 7919) % 60000000, 'unixepoch')`)
    : sql.raw(`to_char(to_timestamp(1643760000 + (i * 7919) % 60000000) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
  const series = engineName === 'sqlite'
    ? sql.raw(`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${events - 1})`)
    : sql.raw(`with s(i) as (select generate_series(0, ${events - 1})::bigint)`);
  await sql`${series}
    insert into events (id, copy_id, product_id, actor_id, action, at, target_copy_id, detail, source, source_record_id)
    select 1000000 + i, c.copy_id, c.product_id, c.recipient_id, ${sql.raw(actions)}, ${at}, null, null, 'bench', null
    from s join bench_copy_index c on c.n = i % ${sql.lit(copies)}`.execute(trx);
}

async function benchBigDatabase(engineName: EngineName, shape: BigShape, runs: number, report: Report): Promise<void> {
  await withDatabase(engineName, async (engine) => {
    const start = performance.now();
    await buildBigDatabase(engine, shape);
    const buildSeconds = seconds(start);
    report({ metric: 'big database built', value: Math.round(shape.events / buildSeconds), unit: 'events/s', engine: engineName, events: shape.events, seconds: Math.round(buildSeconds * 10) / 10, note: 'one INSERT … SELECT from a generated series, no ledger' });
    await benchPathway(engine, shape, runs, report);
    await benchAudit(engine, shape, report);
  });
}

async function benchPathway(engine: Engine, shape: BigShape, runs: number, report: Report): Promise<void> {
  const times: number[] = [];
  const bare: number[] = [];
  let events = 0;
  for (let r = 0; r < Math.max(runs, 1) * 5; r++) {
    let start = performance.now();
    const pathway = await productPathway(engine, 'B-0', null);
    times.push(performance.now() - start);
    events = pathway.eventCount;
    start = performance.now();
    await engine.db.selectFrom('events').selectAll().where('product_id', '=', 'B-0').execute();
    bare.push(performance.now() - start);
  }
  const value = median(times);
  const baselineValue = median(bare);
  report({
    metric: 'pathway of a 500-copy product, median', value: Math.round(value * 10) / 10, unit: 'ms', engine: engine.name,
    baseline: 'bare indexed select of its events', baselineValue: Math.round(baselineValue * 10) / 10, ratio: Math.round((value / baselineValue) * 100) / 100,
    events: shape.events, productEvents: events, runs: times.length, note: 'aim under 50 ms',
  });
}

async function benchAudit(engine: Engine, shape: BigShape, report: Report): Promise<void> {
  const asOf = '2024-01-01T00:00:00.000Z';
  let start = performance.now();
  await engine.db.selectFrom('events').selectAll().execute();
  const bareSeconds = seconds(start);
  start = performance.now();
  const whole = await runAudit(engine, { asOf });
  const wholeSeconds = seconds(start);
  report({
    metric: 'audit over every event', value: Math.round(wholeSeconds * 10) / 10, unit: 's', engine: engine.name,
    baseline: 'bare select of every event', baselineValue: Math.round(bareSeconds * 10) / 10, ratio: Math.round((wholeSeconds / bareSeconds) * 10) / 10,
    events: shape.events, findings: whole.findings.length, note: 'aim under a minute',
  });
  start = performance.now();
  const one = await runAudit(engine, { asOf, agencyId: 'AG3' });
  report({
    metric: 'audit of one agency (--agency)', value: Math.round(seconds(start) * 10) / 10, unit: 's', engine: engine.name,
    events: shape.events, findings: one.findings.length, note: 'loads the agency\'s products and actions by index',
  });
}

export async function run(args: string[], report: Report): Promise<void> {
  const records = option(args, '--records', 200_000);
  const runs = option(args, '--runs', 3);
  const shape: BigShape = { events: option(args, '--events', 2_000_000), products: option(args, '--products', 5_000), copiesPerProduct: 10, people: 1_000 };
  const parts = args.includes('--parts') ? (args[args.indexOf('--parts') + 1] ?? '').split(',') : ['ingest', 'big'];
  if (parts.includes('ingest')) for (const engineName of engineList(args)) await benchIngest(engineName, records, runs, report);
  if (parts.includes('big')) for (const engineName of engineList(args)) await benchBigDatabase(engineName, shape, runs, report);
}
