/**
 * `waymark ledger verify`: recomputes the whole log from the records and checks it against
 * everything stored about it, in batches (memory does not grow with the log):
 *
 *   1. every entry is present, its leaf hash is SHA-256(0x00 || body) (RFC 9162 §2.1.1), and its
 *      body is what the builders make of the record its ref names today — every kind Waymark
 *      writes (rebuild-entries.ts); commitments to sealed texts are recomputed from the texts
 *      when the data key is present, and taken from the stored body (and counted) when not;
 *   2. the tree recomputed level by level from those leaves matches every stored hash (levels 4,
 *      8, 12, …) and the frontier;
 *   3. every stored checkpoint, and the last one in the key directory, verifies with the log's key
 *      and has the recomputed root at its size; the database is not behind that file.
 *
 * While one batch is checked the next ones are read. The handling events of each batch, nearly
 * every entry, are checked by the database where it can (event-leaves-in-database.ts: PostgreSQL),
 * several batches at once; else, on a large log, in worker threads with their own connections
 * (event-leaves-pool.ts). The rest is checked here, in index order. The first problem found is reported
 * with the entry it concerns: its index, kind and ref.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { openCheckpoint } from '../../domain/ledger/checkpoint.ts';
import { WaymarkError } from '../../domain/errors.ts';
import { HASH_SIZE, digestsEqual, leafHashOfTextInto } from '../../domain/ledger/hash.ts';
import { encodeBase64 } from '../../domain/ledger/base64.ts';
import { LevelBuilder } from '../../domain/ledger/level-builder.ts';
import { parseVerifierKey } from '../../domain/ledger/note-key.ts';
import type { NoteVerifier } from '../../domain/ledger/note-key.ts';
import type { HashRange } from '../../domain/ledger/strata.ts';
import type { Database } from '../../store/database.ts';
import type { Engine } from '../../store/engine.ts';
import { allStoredCheckpoints } from '../../store/ledger-checkpoints.ts';
import { encodeFrontier, isStoredLevel, readStrata } from '../../store/ledger-tree.ts';
import { openText } from '../sealed-texts.ts';
import { secretsOf } from '../secrets.ts';
import { checkpointFilePath, readCheckpointFile } from './checkpoint-file.ts';
import { loadLogIdentity } from './log-identity.ts';
import { checkIntactBatch } from './intact-batch.ts';
import type { IntactBatch } from './intact-batch.ts';
import { eventLeavesChecker } from './event-leaves-in-database.ts';
import type { EventLeavesCheck } from './event-leaves.ts';
import { EventLeavesPool } from './event-leaves-pool.ts';
import { createRebuilders, rebuildBatch } from './rebuild-entries.ts';
import type { KindRebuilder, Opener, Rebuilt, StoredEntry } from './rebuild-entries.ts';

export interface VerifyProblem {
  /** The first entry concerned, where there is one. */
  readonly index?: number;
  readonly kind?: string;
  readonly ref?: string;
  readonly detail: string;
}

export interface LedgerVerification {
  readonly ok: boolean;
  readonly size: number;
  readonly entriesChecked: number;
  /** The newest checkpoint whose root was recomputed, `null` if none was signed yet. */
  readonly checkpoint: { readonly size: number; readonly root: string; readonly source: 'database' | 'file' } | null;
  readonly seconds: number;
  readonly entriesPerSecond: number;
  /** Whether sealed texts were opened with the data key, so every commitment to them was recomputed. */
  readonly dataKey: boolean;
  /** Without the data key: entries, by kind, whose commitments to sealed texts were taken from the stored body. */
  readonly commitmentsUnchecked: Readonly<Record<string, number>>;
  readonly problem?: VerifyProblem;
}

/** A checkpoint to check at its size: from the database or the key directory's file. */
interface ExpectedRoot {
  readonly size: number;
  readonly root: Uint8Array;
  readonly source: 'database' | 'file';
}

class Found extends Error {
  constructor(readonly problem: VerifyProblem) {
    super(problem.detail);
  }
}

/**
 * Entries per batch: 2^12, so a batch fills whole strata rows of level 12 and below. Small
 * batches die young: at 2^16 (and one read ahead) most of the rows outlived V8's young
 * generation and garbage collection took 40% of the time; at 2^12 verification ran twice as fast.
 */
const DEFAULT_BATCH = 4_096;

/**
 * Below this many entries the events are checked on this thread only. Starting a worker (a
 * thread, its TypeScript loaded through tsx, a connection) took 0.3 s and 0.9 s of CPU, what
 * checking some 150,000 entries costs, and verification waits for it to stop.
 */
const WORKERS_FROM = 262_144;

/**
 * Batches read ahead where the database checks the handling events (event-leaves-in-database.ts),
 * each on a connection of its own, so its backends check several at once. 1M entries on
 * PostgreSQL sharing 2 cores, batches of 2^12 (load 3.3-4.7): 163k entries/s with 1 ahead, 214k
 * with 2, 251k with 3, 241-257k with 4, 257k with 6, 219k with 8.
 */
const IN_DATABASE_AHEAD = 4;

/**
 * Entries per batch where the database checks the handling events: no rows of theirs reach this
 * thread, so a larger batch costs no garbage collection, and half as many statements cost less
 * on both sides. 1M entries, 4 ahead, alternated (load 4.9-5.5): 2^13 251-277k entries/s against
 * 238-243k at 2^12; 243-254k at 2^14.
 */
const IN_DATABASE_BATCH = 8_192;

export interface VerifyOptions {
  /** Entries per batch: by default 2^13 where the database checks the handling events, else 2^12. */
  readonly batch?: number;
  /** Worker threads that check handling events beside this thread; 0 for none. By default none where the database checks them, else, on a large log in a database file, one per core but one. */
  readonly workers?: number;
}

/** Verifies the ledger of the database at `url` (the URL locates the key directory). */
export async function verifyLedger(engine: Engine, url: string, options: VerifyOptions = {}): Promise<LedgerVerification> {
  const started = performance.now();
  const identity = await loadLogIdentity(engine, url);
  const open = dataKeyOpener(engine, identity.keyDirectory);
  const walk = new LedgerWalk(engine, options.batch, open, options.workers);
  let problem: VerifyProblem | undefined;
  try {
    const verifier = parseVerifierKey(identity.signer.verifierKey);
    const expected = await expectedRoots(engine.db, verifier, identity.keyDirectory);
    await walk.run(expected);
  } catch (error) {
    if (!(error instanceof Found)) throw error;
    problem = error.problem;
  }
  const seconds = (performance.now() - started) / 1000;
  const result = {
    ok: problem === undefined, size: walk.size, entriesChecked: walk.checked, checkpoint: walk.lastCheckpoint, seconds,
    entriesPerSecond: Math.round(walk.checked / Math.max(seconds, 1e-9)), dataKey: open !== undefined, commitmentsUnchecked: Object.fromEntries(walk.unchecked),
  };
  return problem === undefined ? result : { ...result, problem };
}

/**
 * Opens sealed texts when the data key is present (WAYMARK_DATA_KEY, or `data.key` beside the
 * signing key). Verification never creates a data key: one made now could open nothing.
 */
function dataKeyOpener(engine: Engine, keyDirectory: string): Opener | undefined {
  if (!process.env.WAYMARK_DATA_KEY && !existsSync(join(keyDirectory, 'data.key'))) return undefined;
  return { text: (text, stored) => openText(engine, text, stored), secret: (sealed, aad) => secretsOf(engine).open(sealed, aad) };
}

/** Every checkpoint the log signed, smallest first, each verified with the log's key. */
async function expectedRoots(db: Kysely<Database>, verifier: NoteVerifier, keyDirectory: string): Promise<ExpectedRoot[]> {
  const out: ExpectedRoot[] = [];
  for (const row of await allStoredCheckpoints(db)) {
    const checkpoint = openOrFail(() => openCheckpoint(row.note, verifier).checkpoint, `stored checkpoint of size ${row.size}`);
    if (checkpoint.size !== row.size || !digestsEqual(checkpoint.root, row.root)) {
      throw new Found({ detail: `stored checkpoint of size ${row.size}: its size or root column differs from its signed note` });
    }
    out.push({ size: row.size, root: checkpoint.root, source: 'database' });
  }
  const file = openOrFail(() => readCheckpointFile(keyDirectory, verifier), checkpointFilePath(keyDirectory));
  if (file !== null) out.push({ size: file.checkpoint.size, root: file.checkpoint.root, source: 'file' });
  return out.sort((a, b) => a.size - b.size);
}

function openOrFail<T>(open: () => T, what: string): T {
  try {
    return open();
  } catch (error) {
    // LedgerError (a bad note) or LedgerIntegrityError (the checkpoint file): either way, a finding.
    if (error instanceof WaymarkError) throw new Found({ detail: `${what} does not verify with the log's key: ${error.message}` });
    throw error;
  }
}

/** A batch checked entry by entry: its entries and their stored leaf hashes, and what their records rebuild to. */
interface EntryByEntry {
  readonly entries: readonly StoredEntry[];
  /** The entries' leaf_hash values concatenated (32 bytes each when intact). */
  readonly leafHashes: Uint8Array;
  readonly rebuilt: readonly Rebuilt[];
}

/** One batch as read: found intact as a whole (intact-batch.ts), or to be checked entry by entry; and the stored tree hashes it completes. */
interface Batch {
  readonly lo: number;
  readonly count: number;
  readonly checked: IntactBatch | EntryByEntry;
  /** Per stored level, the hashes of nodes first … as read (undefined where a row is missing). */
  readonly stored: ReadonlyMap<number, { readonly first: number; readonly hashes: (Uint8Array | undefined)[] }>;
}

/** The streaming pass over entries, records, stored tree and checkpoints. */
class LedgerWalk {
  size = 0;
  checked = 0;
  lastCheckpoint: LedgerVerification['checkpoint'] = null;
  readonly unchecked = new Map<string, number>();
  private readonly builder = new LevelBuilder();
  private readonly kinds = new Map<string, number>();
  private readonly rebuilders: ReadonlyMap<string, KindRebuilder> = createRebuilders();

  private readonly db: Kysely<Database>;

  constructor(private readonly engine: Engine, private readonly batchOption: number | undefined, private readonly open: Opener | undefined, private readonly workers: number | undefined) {
    this.db = engine.db;
  }

  async run(expected: readonly ExpectedRoot[]): Promise<void> {
    const head = await this.db.selectFrom('ledger_head').select(['size', 'frontier']).where('id', '=', 1).executeTakeFirstOrThrow();
    this.size = head.size;
    const pending = [...expected];
    this.checkRoots(pending);
    const events = await eventLeavesChecker(this.engine);
    const threads = this.workers ?? (events.inDatabase ? 0 : defaultWorkers(this.engine, head.size));
    const pool = threads > 0 ? new EventLeavesPool(this.engine.url, threads, events.check) : undefined;
    // Batches read ahead: as many as the workers may be sent, and one more for this thread; or,
    // where the database checks the events, enough to keep its backends busy.
    const depth = Math.max(threads * EventLeavesPool.DEPTH, events.inDatabase ? IN_DATABASE_AHEAD : 0);
    const batch = this.batchOption ?? (events.inDatabase ? IN_DATABASE_BATCH : DEFAULT_BATCH);
    const ahead: Promise<Batch>[] = [];
    let readTo = 0;
    const readAhead = (): void => {
      for (; ahead.length <= depth && readTo < head.size; readTo = Math.min(head.size, readTo + batch)) {
        const read = this.readBatch(readTo, Math.min(head.size, readTo + batch), pool?.check ?? events.check);
        // Awaited in turn below; until then a failure must not count as unhandled.
        read.catch(() => undefined);
        ahead.push(read);
      }
    };
    try {
      readAhead();
      for (let next = ahead.shift(); next !== undefined; next = ahead.shift()) {
        const batch = await next;
        readAhead();
        this.checkBatch(batch, pending);
      }
    } finally {
      // Batches read ahead of a problem are let finish (their own problems, if any, come later in the log).
      await Promise.all(ahead.map((read) => read.catch(() => undefined)));
      await pool?.close();
    }
    this.checkBehind(pending);
    await this.checkHead(head.frontier);
    await this.checkTreeRowCounts();
    await this.checkRecords();
  }

  /** Reads a batch; the stored tree is read meanwhile, and let finish even when the entries show a problem first (no query outlives the walk). */
  private async readBatch(lo: number, hi: number, events: EventLeavesCheck): Promise<Batch> {
    const stored = this.readStoredTree(lo, hi);
    // Handled at once, so a failure while the entries are read is not an unhandled rejection; rethrown below by `await stored`.
    const settled = stored.then(() => undefined, () => undefined);
    try {
      return { lo, count: hi - lo, checked: await this.readChecked(lo, hi, events), stored: await stored };
    } finally {
      await settled;
    }
  }

  /** The batch checked as a whole when it is intact (intact-batch.ts), else read entry by entry to find what differs. */
  private async readChecked(lo: number, hi: number, events: EventLeavesCheck): Promise<IntactBatch | EntryByEntry> {
    const intact = await checkIntactBatch(this.engine, this.rebuilders, this.open, lo, hi, events);
    if (intact !== undefined) return intact;
    const entries = await this.readEntries(lo, hi);
    const [leafHashes, rebuilt] = await Promise.all([this.readLeafHashes(lo, hi), rebuildBatch(this.engine, this.rebuilders, entries, this.open, this.unchecked)]);
    return { entries, leafHashes, rebuilt };
  }

  /** Entries lo … hi-1, read as arrays (Engine.selectArrays): one object per entry, not two. */
  private async readEntries(lo: number, hi: number): Promise<StoredEntry[]> {
    const query = this.db.selectFrom('ledger_entries').select(['idx', 'kind', 'ref', 'body']).where('idx', '>=', lo).where('idx', '<', hi).orderBy('idx').compile();
    const rows = await this.engine.selectArrays(query);
    const entries = rows.map((row, i): StoredEntry => {
      const [idx, kind, ref, body] = row;
      if (Number(idx) !== lo + i) throw new Found({ index: lo + i, detail: `entry ${lo + i} is missing from the ledger` });
      if (typeof kind !== 'string' || typeof ref !== 'string' || typeof body !== 'string') throw new Found({ index: lo + i, detail: `entry ${lo + i} has a column that is not text` });
      return { idx: lo + i, kind, ref, body };
    });
    if (entries.length < hi - lo) throw new Found({ index: lo + entries.length, detail: `entry ${lo + entries.length} is missing from the ledger` });
    return entries;
  }

  /** The stored leaf hashes of entries lo … hi-1, as one value (a Buffer per row would cost more than hashing them). */
  private async readLeafHashes(lo: number, hi: number): Promise<Uint8Array> {
    const row = await this.db.selectFrom('ledger_entries').select(this.engine.concatenatedHex('leaf_hash', 'idx').as('hex'))
      .where('idx', '>=', lo).where('idx', '<', hi).executeTakeFirst();
    return Buffer.from(row?.hex ?? '', 'hex');
  }

  /** The stored hashes of every node that entries lo … hi-1 complete, at each stored level. */
  private async readStoredTree(lo: number, hi: number): Promise<Batch['stored']> {
    const ranges: HashRange[] = [];
    for (let level = 1; 2 ** level <= hi; level++) {
      const first = Math.floor(lo / 2 ** level);
      const end = Math.floor(hi / 2 ** level);
      if (isStoredLevel(level) && end > first) ranges.push({ level, lo: first, hi: end });
    }
    const out = new Map(ranges.map((range) => [range.level, { first: range.lo, hashes: new Array<Uint8Array | undefined>(range.hi - range.lo) }]));
    for (const row of await readStrata(this.db, ranges)) {
      const run = out.get(row.level);
      if (run !== undefined && row.index >= run.first && row.index < run.first + run.hashes.length) run.hashes[row.index - run.first] = row.hash;
    }
    return out;
  }

  private checkBatch(batch: Batch, pending: ExpectedRoot[]): void {
    const { count, checked } = batch;
    const leaves = 'leaves' in checked ? this.countIntact(checked) : this.checkEntryByEntry(checked);
    // Pushed in pieces that end at each checkpoint's size, where the root is compared.
    for (let at = 0; at < count;) {
      const stop = pending.find((p) => p.size > this.builder.size)?.size ?? Number.POSITIVE_INFINITY;
      const take = Math.min(count - at, stop - this.builder.size);
      this.builder.push(leaves.subarray(at * HASH_SIZE, (at + take) * HASH_SIZE), take, (level, first, hashes, n) => compareStored(batch, level, first, hashes, n));
      at += take;
      this.checkRoots(pending);
    }
  }

  /** Counts a batch found intact as a whole; returns its leaf hashes. */
  private countIntact(batch: IntactBatch): Uint8Array {
    for (const [kind, n] of batch.kinds) this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + n);
    for (const [kind, n] of batch.unchecked) this.unchecked.set(kind, (this.unchecked.get(kind) ?? 0) + n);
    this.checked += batch.leaves.length / HASH_SIZE;
    return batch.leaves;
  }

  /** Checks every entry of a batch against its stored leaf hash and its record; returns the leaf hashes. */
  private checkEntryByEntry(batch: EntryByEntry): Uint8Array {
    const count = batch.entries.length;
    const leaves = new Uint8Array(count * HASH_SIZE);
    batch.entries.forEach((entry, i) => leafHashOfTextInto(entry.body, leaves, i * HASH_SIZE));
    const firstBadLeaf = firstDifference(leaves, batch.leafHashes, count);
    batch.entries.forEach((entry, i) => {
      if (i === firstBadLeaf) bad(entry, 'its stored leaf hash is not SHA-256(0x00 || body)');
      this.checkRebuilt(entry, batch.rebuilt[i]!);
    });
    return leaves;
  }

  private checkRebuilt(entry: StoredEntry, again: Rebuilt): void {
    if (!again.ok) bad(entry, again.problem);
    if (again.entry.kind !== entry.kind) bad(entry, `its kind is not ${again.entry.kind}, as its record's`);
    if (again.entry.ref !== entry.ref) bad(entry, `its record is logged as ${again.entry.ref}`);
    if (again.entry.body !== entry.body) bad(entry, 'its stored body does not match the record it names');
    this.kinds.set(entry.kind, (this.kinds.get(entry.kind) ?? 0) + 1);
    this.checked++;
  }

  private checkRoots(pending: ExpectedRoot[]): void {
    while (pending[0] !== undefined && pending[0].size === this.builder.size) {
      const expected = pending.shift()!;
      const root = this.builder.root();
      if (!digestsEqual(root, expected.root)) {
        throw new Found({ index: Math.max(0, expected.size - 1), detail: `the log recomputed to size ${expected.size} does not have the root of the checkpoint signed at that size (${expected.source}): the log was rewritten or forked` });
      }
      this.lastCheckpoint = { size: expected.size, root: encodeBase64(root), source: expected.source };
    }
  }

  private checkBehind(pending: readonly ExpectedRoot[]): void {
    const ahead = pending.at(-1);
    if (ahead !== undefined) {
      throw new Found({ index: this.size, detail: `the database holds ${this.size} entries but a checkpoint of size ${ahead.size} was signed (${ahead.source}): it was rolled back or truncated` });
    }
  }

  private async checkHead(frontier: Buffer | null): Promise<void> {
    const computed = encodeFrontier({ size: this.builder.size, nodes: this.builder.frontier() });
    if (frontier === null ? this.size !== 0 : !frontier.equals(computed)) {
      throw new Found({ index: this.size, detail: 'the stored frontier (ledger_head) differs from the recomputed tree' });
    }
    const beyond = await this.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('idx', '>=', this.size).executeTakeFirstOrThrow();
    if (Number(beyond.n) > 0) throw new Found({ index: this.size, detail: `${beyond.n} entries are stored beyond the head's size ${this.size}` });
  }

  private async checkTreeRowCounts(): Promise<void> {
    const rows = await this.db.selectFrom('ledger_tree').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute();
    for (const row of rows) {
      const expected = Math.floor(this.size / 2 ** row.level);
      if (!isStoredLevel(row.level) || Number(row.n) !== expected) {
        throw new Found({ index: this.size, detail: `ledger_tree holds ${row.n} hashes at level ${row.level}, but a log of ${this.size} entries has ${isStoredLevel(row.level) ? expected : 0}` });
      }
    }
  }

  /** Every record has its entry (a table with more rows than entries of its kind holds unlogged records), and each kind's whole-log check. */
  private async checkRecords(): Promise<void> {
    for (const [kind, rebuilder] of this.rebuilders) {
      if (rebuilder.records === undefined) continue;
      const stored = await rebuilder.records.count(this.db);
      const logged = this.kinds.get(kind) ?? 0;
      if (stored !== logged) throw new Found({ kind, detail: `${rebuilder.records.name} holds ${stored} records but the ledger logs ${logged} ${kind} entries` });
    }
    for (const [kind, rebuilder] of this.rebuilders) {
      const found = await rebuilder.finish?.(this.db);
      if (found !== undefined) throw new Found({ index: found.index, kind, ref: found.ref, detail: `entry ${found.index} (${kind} ${found.ref}): ${found.problem}` });
    }
  }
}

/**
 * Worker threads for a log of `size` entries: none for a small log, or for an in-memory SQLite
 * database (a worker's connection would open another, empty one); else one per core but this
 * thread's, at least one (this thread checks a share of the events too).
 */
function defaultWorkers(engine: Engine, size: number): number {
  if (size < WORKERS_FROM || engine.url.includes(':memory:') || engine.url === '') return 0;
  return Math.max(1, availableParallelism() - 1);
}

/** The first of `count` hashes where the stored ones differ from the computed ones (`count` when none does). */
function firstDifference(computed: Uint8Array, stored: Uint8Array, count: number): number {
  if (digestsEqual(computed, stored)) return count;
  for (let i = 0; i < count; i++) {
    const at = i * HASH_SIZE;
    if (!digestsEqual(computed.subarray(at, at + HASH_SIZE), stored.subarray(at, at + HASH_SIZE))) return i;
  }
  // Every stored hash starts right, but there are more bytes: the last one is too long.
  return count - 1;
}

/** Compares nodes a push completed with the stored hashes read for the batch (stored levels only). */
function compareStored(batch: Batch, level: number, first: number, hashes: Uint8Array, count: number): void {
  if (!isStoredLevel(level)) return;
  const run = batch.stored.get(level);
  for (let i = 0; i < count; i++) {
    const index = first + i;
    const stored = run === undefined ? undefined : run.hashes[index - run.first];
    if (stored === undefined || !digestsEqual(stored, hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))) {
      const span = 2 ** level;
      throw new Found({ index: index * span, detail: `stored tree hash level ${level} index ${index} (entries ${index * span}–${(index + 1) * span - 1}) is missing or differs from the recomputed one` });
    }
  }
}

function bad(entry: StoredEntry, detail: string): never {
  throw new Found({ index: entry.idx, kind: entry.kind, ref: entry.ref, detail: `entry ${entry.idx} (${entry.kind} ${entry.ref}): ${detail}` });
}
