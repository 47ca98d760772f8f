/**
 * `npm run bench -- ingest --json [--records N] [--file-records N] [--events N] [--products N]
 *   [--batch N] [--runs N] [--engines sqlite,postgres] [--parts ingest,big] [--big-db FILE]`
 *
 * 1. Audit-log ingest: `--records` (default 1,000,000, the figure) Microsoft 365 records
 *    in the shape of the real samples (SharePoint FileAccessed/FilePreviewed/FileDownloaded/
 *    FileDeleted/FileModified, with ObjectId, SourceFileName, SiteUrl, UserId…), imported with
 *    importAuditLog as files of `--file-records` (default 100,000; one JavaScript string holds at
 *    most ~512 MB of log): parse, map, events + ledger entries + Merkle tree, quarantine + ledger
 *    entries, one transaction per file. About 10% are FileModified and 5% come from unmapped
 *    accounts, so the quarantine path is measured too. Baselines in the same process: parsing
 *    alone; and `sqlAlone`, the SQL of each file replayed into a second database (its lookups,
 *    the very rows the import inserted, its commit), with no parsing or mapping: the floor under
 *    the import on this schema.
 *    Beside the wall-clock rate, records per CPU-second of this process (user + system): on a
 *    shared machine the fairer figure for comparing two versions of the code.
 * 2. Pathway: median time of productPathway for product B-0 (500 copies) in a database of
 *    `--events` events (default 10,000,000, the figure) over `--products` products of 10
 *    copies (default 50,000: about 20 events a copy, so B-0 has about 10,000 events; the figure
 *    reports how many). Baseline: the pathway's own read of that product's events (as arrays,
 *    through the covering index on SQLite), with no events or tree built from it.
 * 3. Audit: runAudit over all of those events (streamed), and for one agency.
 *    Baseline: reading every event in key order, page by page, with no audit.
 *
 * The big database's events go through the write path imports use (appendEvent: event row,
 * ledger entry and Merkle tree, `--batch` events per transaction), and that rate is reported
 * too; the registry rows (products, copies) are written directly, without ledger entries.
 * Every figure records the one-minute load average: the machine is shared.
 *
 * Building 10M events takes most of an hour on this machine: `--big-db FILE` (SQLite) builds the
 * big database into FILE and keeps it, or, when FILE exists, measures parts 2 and 3 on it as it
 * is (its event count is reported), so the pathway and the audit can be measured again after a
 * change, or on a quiet machine, without building it again.
 */
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { importAuditLog, importMappings } from '../src/app/audit-import.ts';
import { runAudit } from '../src/app/audit.ts';
import { importBundle } from '../src/app/import-bundle.ts';
import { logSize } from '../src/app/ledger/proofs.ts';
import { productPathway } from '../src/app/pathway.ts';
import { sealText, versionBody } from '../src/app/sealed-texts.ts';
import { parseAuditLog } from '../src/adapters/audit-logs/index.ts';
import { createRandom } from '../src/domain/random.ts';
import type { Engine } from '../src/store/engine.ts';
import { appendEvent } from '../src/store/event-append.ts';
import { eventColumns, eventsInKeyOrder, existingSourceRecords } from '../src/store/event-queries.ts';
import { existingQuarantineKeys } from '../src/store/quarantine-queries.ts';
import { openStore } from '../src/store/open-store.ts';
import type { NewEvent } from '../src/store/event-append.ts';
import { writeTransaction } from '../src/store/unit-of-work.ts';
import { createTestDatabase } from '../test/databases.ts';
import { generateBundle } from './generate-bundle.ts';
import { loadAverage, median } from './report.ts';
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

/**
 * Process CPU seconds (user + system, every thread) since `start`: on a shared machine the wall
 * clock measures the neighbours as much as the code, CPU time much less so.
 */
const cpuSeconds = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

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
export function generateM365(count: number, copies: ReadonlyArray<{ copyId: string; principal: string; agencyId: string }>, part = 0): string {
  const random = createRandom(part === 0 ? 'bench-m365' : `bench-m365-${part}`);
  const hex = (n: number): string => Array.from({ length: n }, () => random.int(16).toString(16)).join('');
  const uuid = (): string => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  const base = Date.UTC(2023, 0, 1) + part * count * 1000;
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

/** One insertRows call of an import, as the engine received it. */
interface RecordedInsert { readonly table: string; readonly rows: readonly Readonly<Record<string, unknown>>[] }

/** Wraps `engine.insertRows` to keep every call, in order, for replay (benchIngest's SQL baseline). */
function recordingInserts(engine: Engine): { readonly engine: Engine; take(): RecordedInsert[] } {
  let calls: RecordedInsert[] = [];
  const recorded: Engine = {
    ...engine,
    insertRows: (trx, table, rows) => {
      calls.push({ table, rows });
      return engine.insertRows(trx, table, rows);
    },
  };
  const take = (): RecordedInsert[] => {
    const taken = calls;
    calls = [];
    return taken;
  };
  return { engine: recorded, take };
}

/**
 * The SQL of one imported file with nothing else: in one transaction, the idempotency lookups
 * for its vendor ids, the very rows the import inserted (events, ledger entries, quarantine,
 * Merkle tree), the ledger head, and the commit. No parsing, mapping, hashing or row building:
 * the floor under the import on this engine and schema, however fast its JavaScript became.
 */
async function replayImport(engine: Engine, source: string, ids: readonly string[], inserts: readonly RecordedInsert[], size: number): Promise<void> {
  await engine.db.transaction().execute(async (trx) => {
    await existingSourceRecords(engine, trx, source, ids);
    await existingQuarantineKeys(engine, trx, source, ids);
    for (const { table, rows } of inserts) await engine.insertRows(trx, table, rows);
    await trx.updateTable('ledger_head').set({ size }).where('id', '=', 1).execute();
  });
}

/**
 * One run imports `records` records as files of `fileRecords` each (an export of the Purview
 * portal or a content blob of the Management Activity API is far smaller than a million
 * records, and one JavaScript string cannot hold more than about 512 MB of log anyway).
 * Each file, once imported, is replayed (replayImport) into a second database prepared the
 * same way, so both grow alike and the two rates come from alternate files.
 */
async function benchIngest(engineName: EngineName, records: number, fileRecords: number, runs: number, report: Report): Promise<void> {
  const rates: number[] = [];
  const cpuRates: number[] = [];
  const parseRates: number[] = [];
  const replayRates: number[] = [];
  let last = { events: 0, quarantined: 0 };
  for (let r = 0; r < runs; r++) {
    await withDatabase(engineName, (importing) => withDatabase(engineName, async (replaying) => {
      const copies = await prepareRegistry(importing);
      await prepareRegistry(replaying);
      const recorder = recordingInserts(importing);
      let parseSeconds = 0;
      let importSeconds = 0;
      let importCpuSeconds = 0;
      let replaySeconds = 0;
      last = { events: 0, quarantined: 0 };
      for (let part = 0; part * fileRecords < records; part++) {
        const count = Math.min(fileRecords, records - part * fileRecords);
        const text = generateM365(count, copies, part);
        let start = performance.now();
        const parsed = parseAuditLog(text, 'm365', `bench-${part}.jsonl`);
        parseSeconds += seconds(start);
        if (await logSize(importing.db) !== await logSize(replaying.db)) throw new Error('the replayed database\'s ledger is not the imported one\'s');
        start = performance.now();
        const cpu = process.cpuUsage();
        const counts = await importAuditLog(recorder.engine, { text, format: 'm365', fileName: `bench-${part}.jsonl` });
        importSeconds += seconds(start);
        importCpuSeconds += cpuSeconds(cpu);
        last = { events: last.events + counts.events, quarantined: last.quarantined + counts.quarantined };
        const inserts = recorder.take();
        const size = await logSize(importing.db);
        start = performance.now();
        await replayImport(replaying, 'm365', parsed.map((p) => p.sourceRecordId), inserts, size);
        replaySeconds += seconds(start);
        // Untimed, as autovacuum would on a live PostgreSQL (the test server runs with it off): with no
        // statistics the planner takes `source = …` for selective and scans every row of the source
        // for each chunk of the idempotency lookup, so each file would cost more than the one before.
        if (engineName === 'postgres') for (const engine of [importing, replaying]) await sql`analyze events, quarantine`.execute(engine.db);
      }
      parseRates.push(records / parseSeconds);
      rates.push(records / importSeconds);
      cpuRates.push(records / importCpuSeconds);
      replayRates.push(records / replaySeconds);
    }));
  }
  const rate = median(rates);
  const baseline = median(parseRates);
  report({
    metric: 'm365 records imported per second', value: Math.round(rate), unit: 'records/s', engine: engineName,
    baseline: 'parseAuditLog alone, same records', baselineValue: Math.round(baseline), ratio: Math.round((rate / baseline) * 1000) / 1000,
    records, fileRecords, runs, rates: rates.map(Math.round), load: loadAverage(),
    recordsPerCpuSecond: Math.round(median(cpuRates)),
    sqlAlone: Math.round(median(replayRates)), sqlAloneRatio: Math.round((rate / median(replayRates)) * 1000) / 1000,
    note: `${last.events} events, ${last.quarantined} quarantined; aim 50,000/s on SQLite. sqlAlone: each file's lookups, inserts and commit replayed with no parsing or mapping (the floor on this schema)`,
  });
}

// ——— 2 and 3. a big database ———

export interface BigShape {
  readonly events: number;
  readonly products: number;
  readonly copiesPerProduct: number;
  readonly people: number;
  /** Events per writing transaction while the database is built. */
  readonly batch: number;
}

interface BenchCopy { readonly id: string; readonly productId: string; readonly recipientId: string }

/**
 * Product B-0 has 500 copies; B-1… have `copiesPerProduct`, held by people of two agencies
 * (product k: agencies k mod 10 and k+1 mod 10), so an agency's audit touches a fifth of the
 * data. The registry rows are written directly (no ledger entries: they are a small part of the
 * database); every event goes through the write path imports use (appendEvent in
 * writeTransaction: event row, ledger entry and Merkle tree in one transaction per batch).
 */
export async function buildBigDatabase(engine: Engine, shape: BigShape, report: Report): Promise<void> {
  const bundle = generateBundle({ events: 0, people: shape.people, products: 1 });
  await importBundle(engine, { ...bundle, disseminations: [] }, 'bench.json');
  const copies = await writeRegistry(engine, shape);
  const start = performance.now();
  for (let from = 0; from < shape.events; from += shape.batch) {
    const to = Math.min(shape.events, from + shape.batch);
    await writeTransaction(engine, async (unit) => {
      for (let i = from; i < to; i++) {
        const event = benchEvent(i, copies);
        // Every bench event is its copy's recipient's own.
        appendEvent(unit, event, event.actorId);
        if (unit.needsFlush) await unit.flush();
      }
    });
  }
  const buildSeconds = seconds(start);
  report({
    metric: 'events written through the write path', value: Math.round(shape.events / buildSeconds), unit: 'events/s', engine: engine.name,
    events: shape.events, seconds: Math.round(buildSeconds), batch: shape.batch, load: loadAverage(),
    note: 'appendEvent: event row + ledger entry + Merkle tree, one transaction per batch; no parsing or mapping',
  });
}

async function writeRegistry(engine: Engine, shape: BigShape): Promise<BenchCopy[]> {
  const products = Array.from({ length: shape.products }, (_, k) => ({
    id: `B-${k}`, title: `Bench ${k}`, marking: 'SECRET', originator: 'CSIS', created_at: '2022-01-01T00:00:00.000Z', salt: '00',
  }));
  const copies = products.flatMap((p, k) => Array.from({ length: k === 0 ? 500 : shape.copiesPerProduct }, (_, s) => {
    const agency = (k + (s % 2)) % 10;
    const person = agency + 10 * ((k * 7 + s) % (shape.people / 10));
    return { id: `${p.id}.c${s + 1}`, product_id: p.id, version: 1, recipient_id: `p${person}`, parent_copy_id: null, serial: s + 1, issued_at: '2022-02-01T00:00:00.000Z', channel: 'electronic', codeword: null };
  }));
  await engine.db.transaction().execute(async (trx) => {
    const chunked = async (table: string, rows: readonly Record<string, unknown>[]): Promise<void> => {
      for (let i = 0; i < rows.length; i += 5_000) await engine.insertRows(trx, table, rows.slice(i, i + 5_000));
    };
    await chunked('products', products);
    // Sealed as every stored body is (app/sealed-texts.ts), under the engine's data key: a plaintext body would be refused, or read as legacy.
    await chunked('product_versions', products.map((p) => ({ product_id: p.id, version: 1, marking: 'SECRET', label: 'full', body: sealText(engine, versionBody(p.id, 1), '(S) Bench.') })));
    await chunked('copies', copies);
  });
  return copies.map((c) => ({ id: c.id, productId: c.product_id, recipientId: c.recipient_id }));
}

const benchActions = ['printed', 'downloaded', 'destroyed'] as const;

/**
 * Event i falls on copy i mod (number of copies), acted by its holder, at a time spread over
 * 2022-02..2023-12 (so quarters and retention apply) in no particular order, with a vendor
 * record id as imported events carry.
 */
function benchEvent(i: number, copies: readonly BenchCopy[]): NewEvent {
  const copy = copies[i % copies.length];
  if (copy === undefined) throw new Error('no copies');
  return {
    copyId: copy.id, productId: copy.productId, actorId: copy.recipientId, action: benchActions[i % 20] ?? 'opened',
    at: new Date((1_643_760_000 + ((i * 7919) % 60_000_000)) * 1000).toISOString(), targetCopyId: null, detail: null,
    source: 'bench', sourceRecordId: `${(Math.imul(i, 2_654_435_761) >>> 0).toString(16)}-${i}`,
  };
}


async function benchBigDatabase(engineName: EngineName, shape: BigShape, runs: number, report: Report, keep: string | undefined): Promise<void> {
  if (keep === undefined) {
    await withDatabase(engineName, async (engine) => {
      await buildBigDatabase(engine, shape, report);
      await benchPathway(engine, shape, runs, report);
      await benchAudit(engine, shape, report);
    });
    return;
  }
  if (engineName !== 'sqlite') throw new Error('--big-db keeps a SQLite file: run it with --engines sqlite');
  const built = existsSync(keep);
  const engine = await openStore(keep);
  try {
    if (!built) await buildBigDatabase(engine, shape, report);
    // A kept database has the events it was built with, whatever --events says now.
    const count = await engine.db.selectFrom('events').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const kept = { ...shape, events: Number(count.n) };
    await benchPathway(engine, kept, runs, report);
    await benchAudit(engine, kept, report);
  } finally {
    await engine.close();
  }
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
    // The same read the pathway makes (the covering index on SQLite, as arrays), with nothing built from it.
    await engine.selectArrays(engine.db.selectFrom('events').select(eventColumns).where('product_id', '=', 'B-0').orderBy('at').orderBy('id').compile());
    bare.push(performance.now() - start);
  }
  const value = median(times);
  const baselineValue = median(bare);
  report({
    metric: 'pathway of a 500-copy product, median', value: Math.round(value * 10) / 10, unit: 'ms', engine: engine.name,
    baseline: 'the same read of its events as arrays, nothing built', baselineValue: Math.round(baselineValue * 10) / 10, ratio: Math.round((value / baselineValue) * 100) / 100,
    events: shape.events, productEvents: events, runs: times.length, firstRun: Math.round((times[0] ?? 0) * 10) / 10, load: loadAverage(),
    note: 'aim under 50 ms; firstRun: the first read after the database was built',
  });
}

async function benchAudit(engine: Engine, shape: BigShape, report: Report): Promise<void> {
  const asOf = '2024-01-01T00:00:00.000Z';
  let start = performance.now();
  let read = 0;
  for await (const page of eventsInKeyOrder(engine, asOf)) read += page.length;
  const bareSeconds = seconds(start);
  start = performance.now();
  const whole = await runAudit(engine, { asOf });
  const wholeSeconds = seconds(start);
  report({
    metric: 'audit over every event', value: Math.round(wholeSeconds * 10) / 10, unit: 's', engine: engine.name,
    baseline: 'every event read in key order, page by page, no audit', baselineValue: Math.round(bareSeconds * 10) / 10, ratio: Math.round((wholeSeconds / bareSeconds) * 10) / 10,
    events: shape.events, eventsRead: read, findings: whole.findings.length, heapMB: Math.round(process.memoryUsage().heapUsed / 1e6), load: loadAverage(),
    note: 'aim under a minute',
  });
  start = performance.now();
  const one = await runAudit(engine, { asOf, agencyId: 'AG3' });
  report({
    metric: 'audit of one agency (--agency)', value: Math.round(seconds(start) * 10) / 10, unit: 's', engine: engine.name,
    events: shape.events, findings: one.findings.length, load: loadAverage(), note: 'the products its people hold or acted on, by index',
  });
}

export async function run(args: string[], report: Report): Promise<void> {
  const records = option(args, '--records', 1_000_000);
  const runs = option(args, '--runs', 3);
  const shape: BigShape = {
    events: option(args, '--events', 10_000_000), products: option(args, '--products', 50_000), copiesPerProduct: 10, people: 1_000,
    batch: option(args, '--batch', 100_000),
  };
  const parts = args.includes('--parts') ? (args[args.indexOf('--parts') + 1] ?? '').split(',') : ['ingest', 'big'];
  if (parts.includes('ingest')) for (const engineName of engineList(args)) await benchIngest(engineName, records, option(args, '--file-records', 100_000), runs, report);
  const keep = args.includes('--big-db') ? args[args.indexOf('--big-db') + 1] : undefined;
  if (parts.includes('big')) for (const engineName of engineList(args)) await benchBigDatabase(engineName, shape, runs, report, keep);
}
