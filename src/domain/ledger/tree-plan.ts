/**
 * The "stored hash" model of golang.org/x/mod/sumdb/tlog, made two-phase for an async store
 * and a synchronous core. A store keeps only hashes of complete, aligned subtrees: the node
 * (level, index) covers leaves [index·2^level, (index+1)·2^level) and never changes once
 * written. Any root or proof is then a function of O(log n) such hashes:
 *
 *   1. plan:  rootPlan / inclusionPlan / consistencyPlan list the addresses needed;
 *   2. build: the store reads those rows and buildProof / buildRoot fold them.
 *
 * Each proof element is the RFC 9162 §2.1.1 hash of a leaf range D[lo:hi) that the RFC
 * recursion produces; such a range splits into complete subtrees following the binary digits
 * of its width, and its hash is those subtrees' hashes folded from the right.
 */
import { half, isOdd, largestPowerOfTwoBelow } from './bits.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE, emptyRoot, nodeHash } from './hash.ts';

/** A complete aligned subtree: 2^level leaves starting at leaf index·2^level. */
export interface NodeAddress {
  readonly level: number;
  readonly index: number;
}

/** A stored hash: what a store persists as one row (level, index, hash). */
export interface StoredNode extends NodeAddress {
  readonly hash: Uint8Array;
}

/** Synchronous access to stored hashes; undefined when the store has no such row. */
export type HashLookup = (address: NodeAddress) => Uint8Array | undefined;

/** One hash per proof element; each element is the right fold of its subtrees' hashes. */
export type ProofPlan = readonly (readonly NodeAddress[])[];

/** Refuses anything that is not a usable tree size (a safe non-negative integer). */
export function assertTreeSize(size: number, what = 'tree size'): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new LedgerError('BAD_SIZE', `${what} ${size} is not a non-negative safe integer`);
}

/**
 * The complete subtrees that make up D[lo:hi) for a range the RFC recursion produces
 * (lo aligned to a power of two at least hi - lo), largest first.
 */
export function rangePlan(lo: number, hi: number): NodeAddress[] {
  const out: NodeAddress[] = [];
  let at = lo;
  while (at < hi) {
    // The largest subtree that starts at `at` (aligned to its width) and ends by `hi`.
    let level = 0;
    let width = 1;
    while (at % (2 * width) === 0 && at + 2 * width <= hi) {
      level++;
      width *= 2;
    }
    out.push({ level, index: at / width });
    at += width;
  }
  return out;
}

/** The stored hashes whose right fold is the root of a tree of the given size (tlog TreeHash). */
export function rootPlan(size: number): NodeAddress[] {
  assertTreeSize(size);
  return rangePlan(0, size);
}

/**
 * RFC 9162 §2.1.3.1 PATH(m, D[n]) as a plan (tlog ProveRecord). Walks the recursion from the
 * top; the RFC lists the elements bottom-up, hence the final reverse.
 */
export function inclusionPlan(index: number, size: number): ProofPlan {
  assertTreeSize(size);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new LedgerError('BAD_INDEX', `leaf index ${index} is not below tree size ${size}`);
  }
  const elements: NodeAddress[][] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = largestPowerOfTwoBelow(hi - lo);
    if (index - lo < k) {
      elements.push(rangePlan(lo + k, hi));
      hi = lo + k;
    } else {
      elements.push(rangePlan(lo, lo + k));
      lo += k;
    }
  }
  return elements.reverse();
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as a plan (tlog ProveTree).
 * A proof from size 0 is refused: it proves nothing (RFC 9162 §2.1.4.1 defines m ≥ 1).
 */
export function consistencyPlan(size1: number, size2: number): ProofPlan {
  assertTreeSize(size1, 'size1');
  assertTreeSize(size2, 'size2');
  if (size1 === 0) throw new LedgerError('BAD_SIZE', 'a consistency proof from size 0 proves nothing');
  if (size1 > size2) throw new LedgerError('BAD_SIZE', `size1 ${size1} is greater than size2 ${size2}`);
  const elements: NodeAddress[][] = [];
  let lo = 0;
  let hi = size2;
  let m = size1;
  let whole = true;
  while (m !== hi - lo) {
    const k = largestPowerOfTwoBelow(hi - lo);
    if (m <= k) {
      elements.push(rangePlan(lo + k, hi));
      hi = lo + k;
    } else {
      elements.push(rangePlan(lo, lo + k));
      lo += k;
      m -= k;
      whole = false;
    }
  }
  // SUBPROOF(m, D[m], b): the old root is only sent when it is not a subtree already implied.
  if (!whole) elements.push(rangePlan(lo, hi));
  return elements.reverse();
}

/** Every distinct address a plan reads, in first-use order: what the store fetches. */
export function planAddresses(plan: ProofPlan): NodeAddress[] {
  const seen = new Set<string>();
  const out: NodeAddress[] = [];
  for (const address of plan.flat()) {
    const key = addressKey(address);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(address);
    }
  }
  return out;
}

/** A stable map key for an address. */
export function addressKey(address: NodeAddress): string {
  return `${address.level}/${address.index}`;
}

/** A lookup over rows the store has read. */
export function lookupFromNodes(nodes: Iterable<StoredNode>): HashLookup {
  const byKey = new Map<string, Uint8Array>();
  for (const node of nodes) byKey.set(addressKey(node), node.hash);
  return (address) => byKey.get(addressKey(address));
}

/** The right fold of the subtree hashes at the given addresses (RFC 9162 §2.1.1). */
export function foldRange(addresses: readonly NodeAddress[], lookup: HashLookup): Uint8Array {
  const last = addresses.at(-1);
  if (last === undefined) return emptyRoot();
  let hash = fetchHash(lookup, last);
  for (let i = addresses.length - 2; i >= 0; i--) hash = nodeHash(fetchHash(lookup, addresses[i]!), hash);
  return hash;
}

/** The tree root of the given size from stored hashes (tlog TreeHash). */
export function buildRoot(size: number, lookup: HashLookup): Uint8Array {
  return foldRange(rootPlan(size), lookup);
}

/** Evaluates a proof plan into the proof's hashes. */
export function buildProof(plan: ProofPlan, lookup: HashLookup): Uint8Array[] {
  return plan.map((element) => foldRange(element, lookup));
}

/** RFC 9162 §2.1.3.1 inclusion proof from stored hashes. */
export function buildInclusionProof(index: number, size: number, lookup: HashLookup): Uint8Array[] {
  return buildProof(inclusionPlan(index, size), lookup);
}

/** RFC 9162 §2.1.4.1 consistency proof from stored hashes. */
export function buildConsistencyProof(size1: number, size2: number, lookup: HashLookup): Uint8Array[] {
  return buildProof(consistencyPlan(size1, size2), lookup);
}

/** The parent address of a node (one level up). */
export function parentAddress(address: NodeAddress): NodeAddress {
  return { level: address.level + 1, index: half(address.index) };
}

/** True when the node is a right child (its parent completes when it is written). */
export function isRightChild(address: NodeAddress): boolean {
  return isOdd(address.index);
}

function fetchHash(lookup: HashLookup, address: NodeAddress): Uint8Array {
  const hash = lookup(address);
  if (hash === undefined) throw new LedgerError('MISSING_HASH', `stored hash level ${address.level} index ${address.index} is missing`);
  if (hash.length !== HASH_SIZE) throw new LedgerError('BAD_HASH_LENGTH', `stored hash level ${address.level} index ${address.index} has ${hash.length} bytes`);
  return hash;
}
