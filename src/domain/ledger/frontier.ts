/**
 * Appending to a log without holding it: the frontier is the list of complete subtrees that
 * make up the current tree (its rootPlan), with their hashes. A store reads the frontier rows
 * (≤ log2 n of them), calls appendLeafHashes, and writes the returned nodes in the same
 * transaction as the entries; every node it writes is final (tlog StoredHashes).
 */
import { foldRange, lookupFromNodes, rootPlan } from './tree-plan.ts';
import type { HashLookup, StoredNode } from './tree-plan.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE, emptyRoot, nodeHash } from './hash.ts';

/** The complete subtrees of a tree of `size` leaves, largest (leftmost) first. */
export interface Frontier {
  readonly size: number;
  readonly nodes: readonly StoredNode[];
}

/** The result of appending a batch: the new frontier and every node that became complete. */
export interface AppendResult {
  readonly frontier: Frontier;
  /** Rows to persist: each new leaf hash (level 0) and each parent it completed, in order. */
  readonly written: readonly StoredNode[];
}

/** The frontier of an empty log. */
export const EMPTY_FRONTIER: Frontier = Object.freeze({ size: 0, nodes: Object.freeze([]) });

/** Reads the frontier of a tree of the given size from stored hashes. */
export function loadFrontier(size: number, lookup: HashLookup): Frontier {
  const nodes = rootPlan(size).map((address) => {
    const hash = lookup(address);
    if (hash === undefined) throw new LedgerError('MISSING_HASH', `frontier hash level ${address.level} index ${address.index} is missing`);
    return { ...address, hash };
  });
  return { size, nodes };
}

/** The root of the tree the frontier describes (RFC 9162 §2.1.1). */
export function frontierRoot(frontier: Frontier): Uint8Array {
  if (frontier.nodes.length === 0) return emptyRoot();
  return foldRange(frontier.nodes, lookupFromNodes(frontier.nodes));
}

/**
 * Appends leaf hashes. A new leaf merges with the frontier's smallest subtree while the two
 * are siblings of equal height, exactly like binary addition carries.
 */
export function appendLeafHashes(frontier: Frontier, leafHashes: readonly Uint8Array[]): AppendResult {
  const stack: StoredNode[] = [...frontier.nodes];
  const written: StoredNode[] = [];
  let size = frontier.size;
  for (const hash of leafHashes) {
    if (hash.length !== HASH_SIZE) throw new LedgerError('BAD_HASH_LENGTH', `leaf hash ${size} has ${hash.length} bytes`);
    let node: StoredNode = { level: 0, index: size, hash };
    written.push(node);
    for (let top = stack.at(-1); top !== undefined && top.level === node.level; top = stack.at(-1)) {
      stack.pop();
      node = { level: node.level + 1, index: top.index / 2, hash: nodeHash(top.hash, node.hash) };
      written.push(node);
    }
    stack.push(node);
    size++;
  }
  return { frontier: { size, nodes: stack }, written };
}
