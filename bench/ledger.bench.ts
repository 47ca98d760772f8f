/**
 * `npm run bench -- ledger --json [--size N] [--batch B] [--engines sqlite,postgres]`: the ledger
 * in the store, on each engine.
 *
 * - appends/s: handling events with their records, written by writeTransaction in batches of B
 *   (default 5,000) through appendEvent and the append hook every import uses; this is also how
 *   the N-entry log (default 1,000,000) is built, so the tree is the one real use produces;
 * - inclusion and consistency proof generation from storage at N entries (median of 300, after 50 untimed), against
 *   the same proofs from an in-memory MemoryTree of the same leaves (same-process baseline);
 * - full verification (`ledger verify`: records rebuilt, leaves, tree, checkpoint) in entries/s.
 *
 * The machine is shared: each figure also carries the load average and the process's own CPU
 * time (cpuEntriesPerSecond), which other jobs inflate far less than wall time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { importBundle, parseBundle } from '../src/app/import-bundle.ts';
import { initialiseStore } from '../src/app/initialise.ts';
import { publishCheckpoint } from '../src/app/ledger/checkpoints.ts';
import { proveConsistency, proveInclusion } from '../src/app/ledger/proofs.ts';
import { verifyLedger } from '../src/app/ledger/verify-ledger.ts';
import { EMPTY_FRONTIER, appendLeafHashes } from '../src/domain/ledger/frontier.ts';
import { MemoryTree } from '../src/domain/ledger/memory-tree.ts';
import { createRandom } from '../src/domain/random.ts';
import type { HandlingAction } from '../src/domain/registry.ts';
import type { Engine } from '../src/store/engine.ts';
import { appendEvent } from '../src/store/event-append.ts';
import { writeTransaction } from '../src/store/unit-of-work.ts';
import { createTestDatabase } from '../test/databases.ts';
import { smallBundle } from '../test/fixtures.ts';
import { loadAverage, median } from './report.ts';
import type { Report } from './report.ts';

const PROOF_SAMPLES = 300;
const ACTIONS: readonly HandlingAction[] = ['opened', 'printed', 'downloaded', 'forwarded', 'acknowledged'];

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
}

export async function run(args: string[], report: Report): Promise<void> {
  const size = Number(option(args, '--size', '1000000'));
  const batch = Number(option(args, '--batch', '5000'));
  const engines = option(args, '--engines', 'sqlite,postgres').split(',').filter((e): e is 'sqlite' | 'postgres' => e === 'sqlite' || e === 'postgres');
  for (const engineName of engines) {
    // A key directory per log: the checkpoint file one log's run leaves there is not the next log's.
    process.env.WAYMARK_KEYS = mkdtempSync(join(tmpdir(), 'waymark-bench-keys-'));
    await benchEngine(engineName, size, batch, report);
  }
}

async function benchEngine(engineName: 'sqlite' | 'postgres', size: number, batch: number, report: Report): Promise<void> {
  const database = await createTestDatabase(engineName);
  try {
    const engine = await database.open();
    try {
      await initialiseStore(engine, database.url);
      const file = 'bench.json';
      await importBundle(engine, parseBundle(JSON.stringify(smallBundle()), file), file);
      await measureAppends(engine, engineName, size, batch, report);
      // Planner statistics as a live database has them (PostgreSQL's autovacuum analyses a table
      // after 10% of it changed; right after a bulk load it has not run yet).
      await sql`analyze`.execute(engine.db);
      await publishCheckpoint(engine, database.url);
      await measureProofs(engine, engineName, report);
    } finally {
      await engine.close();
    }
    // Verified as `waymark ledger verify` does it: on a store just opened, not on the connection
    // that appended the million entries, beside their garbage (the proofs' in-memory tree).
    const verifying = await database.open();
    try {
      await measureVerification(verifying, engineName, database.url, report);
    } finally {
      await verifying.close();
    }
  } finally {
    await database.drop();
  }
}

async function measureAppends(engine: Engine, engineName: string, size: number, batch: number, report: Report): Promise<void> {
  const copies = await engine.db.selectFrom('copies').select(['id', 'product_id', 'recipient_id']).execute();
  const random = createRandom(`ledger-bench-${engineName}`);
  const head = await engine.db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow();
  const toWrite = size - head.size;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let written = 0; written < toWrite; written += batch) {
    const count = Math.min(batch, toWrite - written);
    await writeTransaction(engine, async (unit) => {
      for (let i = 0; i < count; i++) {
        const copy = copies[random.int(copies.length)]!;
        // The write path every handling event takes (bundle import, the events API, audit-log import).
        appendEvent(unit, {
          copyId: copy.id, productId: copy.product_id, actorId: copy.recipient_id,
          action: ACTIONS[random.int(ACTIONS.length)]!, at: new Date(Date.UTC(2023, 0, 1) + (written + i) * 1000).toISOString(),
          targetCopyId: null, detail: null, source: 'bench', sourceRecordId: `b${written + i}`,
        }, copy.recipient_id);
        await unit.flushIfLarge();
      }
    });
  }
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = cpuSince(cpu);
  const treeSeconds = timeTreeOnly(toWrite, batch);
  report({
    metric: 'appends_per_second', value: Math.round(toWrite / seconds), unit: 'entries/s', engine: engineName, entries: toWrite, batch,
    cpuEntriesPerSecond: Math.round(toWrite / cpuSeconds), load: loadAverage(),
    baseline: 'tree maintenance alone (appendLeafHashes in memory, same batches)', baselineValue: Math.round(toWrite / treeSeconds),
    ratio: Number((treeSeconds / seconds).toFixed(3)),
    note: 'handling events with their event rows, one writeTransaction per batch, tree hook included; ratio = share of time the tree arithmetic alone would take',
  });
}

/** The Merkle arithmetic of the hook without any database: what the tree costs at most. */
function timeTreeOnly(count: number, batch: number): number {
  const leaves = Array.from({ length: Math.min(count, batch) }, (_, i) => new Uint8Array(32).fill(i & 0xff));
  const start = performance.now();
  let frontier = EMPTY_FRONTIER;
  for (let done = 0; done < count; done += batch) frontier = appendLeafHashes(frontier, leaves.slice(0, Math.min(batch, count - done))).frontier;
  return (performance.now() - start) / 1000;
}

async function measureProofs(engine: Engine, engineName: string, report: Report): Promise<void> {
  const rows = await engine.db.selectFrom('ledger_entries').select('leaf_hash').orderBy('idx').execute();
  const tree = new MemoryTree();
  for (const row of rows) tree.appendLeafHash(row.leaf_hash);
  const size = tree.size;
  const random = createRandom(`ledger-proofs-${engineName}`);
  const indices = Array.from({ length: PROOF_SAMPLES }, () => random.int(size));
  const olderSizes = Array.from({ length: PROOF_SAMPLES }, () => 1 + random.int(size - 1));
  const inclusion = await timeEach(indices, (i) => proveInclusion(engine, i, size));
  const inclusionMemory = await timeEach(indices, (i) => Promise.resolve(tree.inclusionProof(i, size)));
  const consistency = await timeEach(olderSizes, (s) => proveConsistency(engine, s, size));
  const consistencyMemory = await timeEach(olderSizes, (s) => Promise.resolve(tree.consistencyProof(s, size)));
  for (const [metric, times, baseline] of [['inclusion_proof_ms', inclusion, inclusionMemory], ['consistency_proof_ms', consistency, consistencyMemory]] as const) {
    report({
      metric, value: round(median(times)), unit: 'ms', engine: engineName, size, samples: PROOF_SAMPLES,
      baseline: 'MemoryTree proof of the same leaves in memory', baselineValue: round(median(baseline)),
      ratio: round(median(times) / median(baseline)), load: loadAverage(),
      note: 'median; the stored hashes of every fourth level a proof needs, read in one statement and folded (rangesForAddresses → readStrata → lookupFromStrata)',
    });
  }
}

/** Untimed runs before the timed ones: a prover in a server runs warm (compiled code, statements prepared and planned). */
const WARM_UP = 50;

async function timeEach<T>(inputs: readonly T[], work: (input: T) => Promise<unknown>): Promise<number[]> {
  for (const input of inputs.slice(0, WARM_UP)) await work(input);
  const times: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    await work(input);
    times.push(performance.now() - start);
  }
  return times;
}

async function measureVerification(engine: Engine, engineName: string, url: string, report: Report): Promise<void> {
  const cpu = process.cpuUsage();
  const result = await verifyLedger(engine, url);
  const cpuSeconds = cpuSince(cpu);
  if (!result.ok) throw new Error(`verification failed: ${result.problem?.detail ?? ''}`);
  report({
    metric: 'verify_entries_per_second', value: result.entriesPerSecond, unit: 'entries/s', engine: engineName, entries: result.entriesChecked,
    seconds: round(result.seconds), cpuEntriesPerSecond: Math.round(result.entriesChecked / cpuSeconds), load: loadAverage(),
    note: 'ledger verify: every entry rebuilt from its record (commitments to sealed texts recomputed with the data key), leaf hashes and the tree recomputed, every stored tree hash, the frontier and the checkpoints compared',
  });
}

/** This process's CPU seconds (user + system) since `start`. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function round(x: number): number {
  return Number(x.toFixed(4));
}
