/**
 * Builds a Merkle tree level by level from leaf hashes fed in order, in chunks of any size, for
 * a verifier that recomputes a whole log. Each level of a chunk is hashed in one pass over a
 * flat buffer — no object per node — and only one hash per level waits for its right sibling
 * between chunks (those waiting hashes are the frontier: the complete subtrees of rootPlan).
 * Every node completed is handed to a visitor, one contiguous run per level, to be compared
 * with what a store holds.
 */
import { LedgerError } from './errors.ts';
import { HASH_SIZE, emptyRoot, nodeHash, nodeHashInto } from './hash.ts';
import type { StoredNode } from './tree-plan.ts';

/** Nodes first … first+count-1 of a level, completed by one push; `hashes` holds them, 32 bytes each. */
export type LevelVisitor = (level: number, first: number, hashes: Uint8Array, count: number) => void;

/** One level's hashes paired up (RFC 9162 §2.1.1), with the hash waiting from the chunk before. */
function pairUp(waiting: Uint8Array | undefined, hashes: Uint8Array, count: number): { parents: Uint8Array; count: number; waiting: Uint8Array | undefined } {
  const total = count + (waiting === undefined ? 0 : 1);
  const up = Math.floor(total / 2);
  const parents = new Uint8Array(up * HASH_SIZE);
  let next = 0;
  let j = 0;
  if (waiting !== undefined && up > 0) {
    const pair = new Uint8Array(2 * HASH_SIZE);
    pair.set(waiting, 0);
    pair.set(hashes.subarray(0, HASH_SIZE), HASH_SIZE);
    nodeHashInto(pair, 0, parents, 0);
    next = 1;
    j = 1;
  }
  for (; j < up; j++, next += 2) nodeHashInto(hashes, next * HASH_SIZE, parents, j * HASH_SIZE);
  // The last hash of an odd run waits for its sibling; it is copied, the caller may reuse the buffer.
  return { parents, count: up, waiting: next < count ? hashes.slice(next * HASH_SIZE, (next + 1) * HASH_SIZE) : undefined };
}

/**
 * @example
 * const builder = new LevelBuilder();
 * builder.push(leafHashes, n, (level, first, hashes, count) => compareWithStore(level, first, hashes, count));
 * builder.root();
 */
export class LevelBuilder {
  private readonly waiting: (Uint8Array | undefined)[] = [];
  private readonly completed: number[] = [];

  /** Leaves pushed so far. */
  get size(): number {
    return this.completed[0] ?? 0;
  }

  /** Appends `count` leaf hashes (32 bytes each, in order) and visits every node they complete, level 0 included. */
  push(leaves: Uint8Array, count: number, visit: LevelVisitor): void {
    if (!Number.isSafeInteger(count) || count < 0 || leaves.length < count * HASH_SIZE) {
      throw new LedgerError('BAD_HASH_LENGTH', `${count} leaf hashes need ${count * HASH_SIZE} bytes, not ${leaves.length}`);
    }
    let hashes = leaves;
    let n = count;
    for (let level = 0; n > 0; level++) {
      const first = this.completed[level] ?? 0;
      visit(level, first, hashes, n);
      this.completed[level] = first + n;
      const next = pairUp(this.waiting[level], hashes, n);
      this.waiting[level] = next.waiting;
      hashes = next.parents;
      n = next.count;
    }
  }

  /** The complete subtrees of the tree so far, largest first: its rootPlan with hashes. */
  frontier(): StoredNode[] {
    const out: StoredNode[] = [];
    for (let level = this.waiting.length - 1; level >= 0; level--) {
      const hash = this.waiting[level];
      if (hash !== undefined) out.push({ level, index: this.completed[level]! - 1, hash });
    }
    return out;
  }

  /** The root of the tree so far (RFC 9162 §2.1.1): the frontier folded from the right. */
  root(): Uint8Array {
    const nodes = this.frontier();
    let hash = nodes.at(-1)?.hash;
    if (hash === undefined) return emptyRoot();
    for (let i = nodes.length - 2; i >= 0; i--) hash = nodeHash(nodes[i]!.hash, hash);
    return hash;
  }
}
