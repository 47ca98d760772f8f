/**
 * `waymark ledger verify`: recomputes the whole log from the records and checks it against
 * everything stored about it, streaming in batches (memory does not grow with the log):
 *
 *   1. every entry is present, its leaf hash is SHA-256(0x00 || body) (RFC 9162 §2.1.1), and its
 *      body is what the builders make of the record its ref names today;
 *   2. the tree recomputed from those leaves matches every stored tile-level hash and the frontier;
 *   3. every stored checkpoint, and the last one in the key directory, verifies with the log's key
 *      and has the recomputed root at its size; the database is not behind that file.
 *
 * The first problem found is reported with the entry it concerns.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../domain/ledger/canonical-json.ts';
import { openCheckpoint } from '../../domain/ledger/checkpoint.ts';
import { WaymarkError } from '../../domain/errors.ts';
import { EMPTY_FRONTIER, appendLeafHashes, frontierRoot } from '../../domain/ledger/frontier.ts';
import type { Frontier } from '../../domain/ledger/frontier.ts';
import { digestsEqual } from '../../domain/ledger/hash.ts';
import { encodeBase64 } from '../../domain/ledger/base64.ts';
import { parseVerifierKey } from '../../domain/ledger/note-key.ts';
import type { NoteVerifier } from '../../domain/ledger/note-key.ts';
import type { StoredNode } from '../../domain/ledger/tree-plan.ts';
import type { Database } from '../../store/database.ts';
import type { Engine } from '../../store/engine.ts';
import { allStoredCheckpoints } from '../../store/ledger-checkpoints.ts';
import { encodeFrontier, isStoredLevel, readTreeLevel } from '../../store/ledger-tree.ts';
import { checkpointFilePath, readCheckpointFile } from './checkpoint-file.ts';
import { loadLogIdentity } from './log-identity.ts';
import { rebuildBatch, rebuiltRefKinds, recordTables, refKind } from './rebuild-entries.ts';
import type { OpenVersionBody, Rebuilt, StoredEntry } from './rebuild-entries.ts';
import { openText, versionBody } from '../sealed-texts.ts';

export interface VerifyProblem {
  /** The first entry concerned, where there is one. */
  readonly index?: number;
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
  /** Entries, by kind, of kinds with no rebuilder here: their leaf hash, tree and checkpoints were checked, not their records. */
  readonly notRebuilt: Readonly<Record<string, number>>;
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

const DEFAULT_BATCH = 20_000;

/** Verifies the ledger of the database at `url` (the URL locates the key directory). */
export async function verifyLedger(engine: Engine, url: string, options: { batch?: number } = {}): Promise<LedgerVerification> {
  const started = performance.now();
  const identity = await loadLogIdentity(engine, url);
  const walk = new LedgerWalk(engine.db, options.batch ?? DEFAULT_BATCH, (productId, version, stored) => openText(engine, versionBody(productId, version), stored));
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
    entriesPerSecond: Math.round(walk.checked / Math.max(seconds, 1e-9)), notRebuilt: Object.fromEntries(walk.notRebuilt),
  };
  return problem === undefined ? result : { ...result, problem };
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

/** The streaming pass over entries, records, stored tree and checkpoints. */
class LedgerWalk {
  size = 0;
  checked = 0;
  lastCheckpoint: LedgerVerification['checkpoint'] = null;
  private frontier: Frontier = EMPTY_FRONTIER;
  /** Entries of kinds this verifier cannot rebuild from records (hash and tree checked only). */
  readonly notRebuilt = new Map<string, number>();
  private readonly kinds = new Map<string, number>();

  constructor(private readonly db: Kysely<Database>, private readonly batch: number, private readonly openBody: OpenVersionBody) {}

  async run(expected: readonly ExpectedRoot[]): Promise<void> {
    const head = await this.db.selectFrom('ledger_head').select(['size', 'frontier']).where('id', '=', 1).executeTakeFirstOrThrow();
    this.size = head.size;
    const pending = [...expected];
    this.checkRoots(pending);
    while (this.frontier.size < head.size) {
      const lo = this.frontier.size;
      const hi = Math.min(head.size, lo + this.batch);
      const entries = await this.readEntries(lo, hi);
      this.checkEntries(entries, await rebuildBatch(this.db, entries, lo, hi, this.openBody), lo);
      await this.appendAndCompare(entries.map((e) => e.leaf_hash), pending);
    }
    this.checkBehind(pending);
    await this.checkHead(head.frontier);
    await this.checkTreeRowCounts();
    await this.checkRecordCounts();
  }

  private async readEntries(lo: number, hi: number): Promise<StoredEntry[]> {
    const rows = await this.db.selectFrom('ledger_entries').select(['idx', 'kind', 'ref', 'body', 'leaf_hash'])
      .where('idx', '>=', lo).where('idx', '<', hi).orderBy('idx').execute();
    rows.forEach((row, i) => {
      if (row.idx !== lo + i) throw new Found({ index: lo + i, detail: `entry ${lo + i} is missing from the ledger` });
    });
    if (rows.length < hi - lo) throw new Found({ index: lo + rows.length, detail: `entry ${lo + rows.length} is missing from the ledger` });
    return rows;
  }

  private checkEntries(entries: readonly StoredEntry[], rebuilt: ReadonlyMap<string, Rebuilt>, lo: number): void {
    entries.forEach((entry, i) => {
      const index = lo + i;
      const leaf = createHash('sha256').update(LEAF_PREFIX).update(entry.body, 'utf8').digest();
      if (!digestsEqual(leaf, entry.leaf_hash)) bad(index, entry.ref, 'its stored leaf hash is not SHA-256(0x00 || body)');
      const again = rebuilt.get(entry.ref);
      if (again === undefined && !rebuiltRefKinds.has(refKind(entry.ref))) {
        this.notRebuilt.set(entry.kind, (this.notRebuilt.get(entry.kind) ?? 0) + 1);
        this.checked++;
        return;
      }
      if (again === undefined) bad(index, entry.ref, `no ${refKind(entry.ref)} record is stored for it`);
      if (!again.ok) bad(index, entry.ref, again.problem);
      if (again.entry.kind !== entry.kind) bad(index, entry.ref, `its kind ${entry.kind} is not ${again.entry.kind}`);
      if (canonicalJson(again.entry.body) !== entry.body) bad(index, entry.ref, 'its stored body does not match the record it names');
      this.kinds.set(entry.kind, (this.kinds.get(entry.kind) ?? 0) + 1);
      this.checked++;
    });
  }

  /** Appends a batch's leaves, stopping at each checkpoint size to compare roots. */
  private async appendAndCompare(leaves: readonly Uint8Array[], pending: ExpectedRoot[]): Promise<void> {
    let at = 0;
    while (at < leaves.length) {
      const stop = pending.find((p) => p.size > this.frontier.size)?.size ?? Number.POSITIVE_INFINITY;
      const take = Math.min(leaves.length - at, stop - this.frontier.size);
      const result = appendLeafHashes(this.frontier, leaves.slice(at, at + take));
      this.frontier = result.frontier;
      await this.compareStored(result.written.filter((node) => isStoredLevel(node.level)));
      this.checkRoots(pending);
      at += take;
    }
  }

  private checkRoots(pending: ExpectedRoot[]): void {
    while (pending[0] !== undefined && pending[0].size === this.frontier.size) {
      const expected = pending.shift()!;
      const root = frontierRoot(this.frontier);
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

  /** Compares recomputed tile-level nodes with the ledger_tree rows, level by level. */
  private async compareStored(nodes: readonly StoredNode[]): Promise<void> {
    const byLevel = new Map<number, StoredNode[]>();
    for (const node of nodes) byLevel.set(node.level, [...(byLevel.get(node.level) ?? []), node]);
    for (const [level, computed] of byLevel) {
      const first = computed[0]!.index;
      const stored = await readTreeLevel(this.db, level, first, first + computed.length);
      computed.forEach((node, i) => {
        const row = stored[i];
        if (row === undefined || row.index !== node.index || !digestsEqual(row.hash, node.hash)) {
          const span = 2 ** level;
          throw new Found({ index: node.index * span, detail: `stored tree hash level ${level} index ${node.index} (entries ${node.index * span}–${(node.index + 1) * span - 1}) is missing or differs from the recomputed one` });
        }
      });
    }
  }

  private async checkHead(frontier: Buffer | null): Promise<void> {
    if (frontier === null ? this.size !== 0 : !frontier.equals(encodeFrontier(this.frontier))) {
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
        throw new Found({ index: this.size, detail: `ledger_tree holds ${row.n} hashes at level ${row.level}, but a log of ${this.size} entries has ${expected}` });
      }
    }
  }

  /** Every record has its entry: a table with more rows than entries of its kind holds unlogged records. */
  private async checkRecordCounts(): Promise<void> {
    for (const [kind, table] of Object.entries(recordTables)) {
      const row = await this.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const logged = this.kinds.get(kind) ?? 0;
      if (Number(row.n) !== logged) throw new Found({ detail: `${table} holds ${row.n} records but the ledger logs ${logged} ${kind} entries` });
    }
  }
}

const LEAF_PREFIX = Buffer.of(0);

function bad(index: number, ref: string, detail: string): never {
  throw new Found({ index, ref, detail: `entry ${index} (${ref}): ${detail}` });
}
