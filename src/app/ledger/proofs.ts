/**
 * Roots and RFC 9162 proofs from storage: plan the addresses (domain/ledger/tree-plan.ts), read
 * the stored hashes they are folded from in one statement (store/ledger-tree.ts readStrata),
 * and fold. About 16 rows per four tree levels, at any size.
 */
import type { Kysely } from 'kysely';
import { LedgerError } from '../../domain/ledger/errors.ts';
import { buildConsistencyProof, buildInclusionProof, buildRoot, consistencyPlan, inclusionPlan, planAddresses, rootPlan } from '../../domain/ledger/tree-plan.ts';
import type { HashLookup, NodeAddress } from '../../domain/ledger/tree-plan.ts';
import type { Database } from '../../store/database.ts';
import type { Engine } from '../../store/engine.ts';
import { lookupForAddresses, lookupWithSize, lookupWithSizePrepared } from '../../store/ledger-tree.ts';

export interface InclusionProof {
  readonly index: number;
  readonly size: number;
  readonly leafHash: Uint8Array;
  readonly root: Uint8Array;
  /** RFC 9162 §2.1.3.1 audit path, bottom-up. */
  readonly proof: readonly Uint8Array[];
}

export interface ConsistencyProof {
  readonly size1: number;
  readonly size2: number;
  readonly root1: Uint8Array;
  readonly root2: Uint8Array;
  /** RFC 9162 §2.1.4.1 consistency proof. */
  readonly proof: readonly Uint8Array[];
}

/** The current size of the log (ledger_head). */
export async function logSize(db: Kysely<Database>): Promise<number> {
  const head = await db.selectFrom('ledger_head').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
  return head.size;
}

/** A size the caller asked for: a non-negative integer, and (checkWithin) not beyond the log. */
function checkSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new LedgerError('BAD_SIZE', `${what} ${size} is not a non-negative integer`);
}

function checkWithin(current: number, size: number, what: string): void {
  if (size > current) throw new LedgerError('BAD_SIZE', `${what} ${size} is beyond the log's ${current} entries`);
}

/**
 * Reads the hashes `addresses` need at `size` (or, without a size, at the log's current one,
 * read first), outside any transaction, by the engine's prepared read. With a size, the log's
 * current size comes back in the same statement as the hashes and is checked before any is used.
 */
async function lookupAtSize(
  engine: Engine, size: number | undefined, what: string, addresses: (size: number) => readonly NodeAddress[],
): Promise<{ size: number; lookup: HashLookup }> {
  if (size === undefined) {
    const current = await logSize(engine.db);
    return { size: current, lookup: (await lookupWithSizePrepared(engine, addresses(current))).lookup };
  }
  checkSize(size, what);
  const { size: current, lookup } = await lookupWithSizePrepared(engine, addresses(size));
  checkWithin(current, size, what);
  return { size, lookup };
}

/** The root of the tree of the first `size` entries (RFC 9162 §2.1.1). */
export async function rootAt(db: Kysely<Database>, size: number): Promise<Uint8Array> {
  checkSize(size, 'size');
  const { size: current, lookup } = await lookupWithSize(db, rootPlan(size));
  checkWithin(current, size, 'size');
  return buildRoot(size, lookup);
}

/**
 * Inclusion proof of entry `index` in the tree of `size` entries (default: the whole log).
 *
 * @example
 * const p = await proveInclusion(engine, 42);
 * verifyInclusion(p.leafHash, p.index, p.size, p.proof, p.root);
 */
export async function proveInclusion(engine: Engine, index: number, size?: number): Promise<InclusionProof> {
  const leaf = { level: 0, index };
  const { size: treeSize, lookup } = await lookupAtSize(engine, size, 'size', (n) => [...planAddresses(inclusionPlan(index, n)), ...rootPlan(n), leaf]);
  const leafHash = lookup(leaf);
  if (leafHash === undefined) throw new LedgerError('MISSING_HASH', `the leaf hash of entry ${index} is missing`);
  return { index, size: treeSize, leafHash, root: buildRoot(treeSize, lookup), proof: buildInclusionProof(index, treeSize, lookup) };
}

/** Consistency proof between the trees of `size1` and `size2` entries (default: the whole log). */
export async function proveConsistency(engine: Engine, size1: number, size2?: number): Promise<ConsistencyProof> {
  const { size, lookup } = await lookupAtSize(engine, size2, 'size2', (n) => consistencyAddresses(size1, n));
  return consistencyWith(size1, size, lookup);
}

/** The same, inside a transaction that already holds the log (checkpoint signing, witnesses). */
export async function consistencyFrom(db: Kysely<Database>, size1: number, size2: number): Promise<ConsistencyProof> {
  return consistencyWith(size1, size2, await lookupForAddresses(db, consistencyAddresses(size1, size2)));
}

function consistencyAddresses(size1: number, size2: number): NodeAddress[] {
  return [...planAddresses(consistencyPlan(size1, size2)), ...rootPlan(size1), ...rootPlan(size2)];
}

function consistencyWith(size1: number, size2: number, lookup: HashLookup): ConsistencyProof {
  return {
    size1, size2, root1: buildRoot(size1, lookup), root2: buildRoot(size2, lookup), proof: buildConsistencyProof(size1, size2, lookup),
  };
}
