/**
 * Roots and RFC 9162 proofs from storage: plan the addresses (domain/ledger/tree-plan.ts), read
 * only the tiles that hold them (store/ledger-tree.ts), and fold. O(log n) reads at any size.
 */
import type { Kysely } from 'kysely';
import { LedgerError } from '../../domain/ledger/errors.ts';
import { buildConsistencyProof, buildInclusionProof, buildRoot, consistencyPlan, inclusionPlan, planAddresses, rootPlan } from '../../domain/ledger/tree-plan.ts';
import type { Database } from '../../store/database.ts';
import type { Engine } from '../../store/engine.ts';
import type { Frontier } from '../../domain/ledger/frontier.ts';
import { lookupForAddresses, readHead } from '../../store/ledger-tree.ts';

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

/** A size the caller asked for, or the current one; beyond the log is bad input. */
function sizeWithin(head: Frontier, size: number | undefined, what: string): number {
  const current = head.size;
  if (size === undefined) return current;
  if (!Number.isSafeInteger(size) || size < 0) throw new LedgerError('BAD_SIZE', `${what} ${size} is not a non-negative integer`);
  if (size > current) throw new LedgerError('BAD_SIZE', `${what} ${size} is beyond the log's ${current} entries`);
  return size;
}

/** The root of the tree of the first `size` entries (RFC 9162 §2.1.1). */
export async function rootAt(db: Kysely<Database>, size: number): Promise<Uint8Array> {
  const plan = rootPlan(size);
  return buildRoot(size, await lookupForAddresses(db, size, plan, await readHead(db)));
}

/**
 * Inclusion proof of entry `index` in the tree of `size` entries (default: the whole log).
 *
 * @example
 * const p = await proveInclusion(engine, 42);
 * verifyInclusion(p.leafHash, p.index, p.size, p.proof, p.root);
 */
export async function proveInclusion(engine: Engine, index: number, size?: number): Promise<InclusionProof> {
  const head = await readHead(engine.db);
  const treeSize = sizeWithin(head, size, 'size');
  const plan = inclusionPlan(index, treeSize);
  const leaf = { level: 0, index };
  const lookup = await lookupForAddresses(engine.db, treeSize, [...planAddresses(plan), ...rootPlan(treeSize), leaf], head);
  const leafHash = lookup(leaf);
  if (leafHash === undefined) throw new LedgerError('MISSING_HASH', `the leaf hash of entry ${index} is missing`);
  return { index, size: treeSize, leafHash, root: buildRoot(treeSize, lookup), proof: buildInclusionProof(index, treeSize, lookup) };
}

/** Consistency proof between the trees of `size1` and `size2` entries (default: the whole log). */
export async function proveConsistency(engine: Engine, size1: number, size2?: number): Promise<ConsistencyProof> {
  const head = await readHead(engine.db);
  return consistencyFrom(engine.db, size1, sizeWithin(head, size2, 'size2'), head);
}

/** The same, inside a transaction that already holds the log (checkpoint signing, witnesses). */
export async function consistencyFrom(db: Kysely<Database>, size1: number, size2: number, head?: Frontier): Promise<ConsistencyProof> {
  const plan = consistencyPlan(size1, size2);
  const lookup = await lookupForAddresses(db, size2, [...planAddresses(plan), ...rootPlan(size1), ...rootPlan(size2)], head ?? (await readHead(db)));
  return {
    size1, size2, root1: buildRoot(size1, lookup), root2: buildRoot(size2, lookup), proof: buildConsistencyProof(size1, size2, lookup),
  };
}
