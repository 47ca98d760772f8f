/**
 * An in-memory log of leaf hashes with every stored hash kept, so that the root at any size
 * and any proof can be produced (tests, benchmarks, tile verification). Hashes live in large
 * fixed-size chunks rather than one object each: a million-leaf tree is ~64 MB, not ~200.
 */
import { LedgerError } from './errors.ts';
import { HASH_SIZE, leafHash, nodeHash } from './hash.ts';
import { buildConsistencyProof, buildInclusionProof, buildRoot } from './tree-plan.ts';
import type { HashLookup, NodeAddress, StoredNode } from './tree-plan.ts';

const CHUNK_HASHES = 8192;

/** An append-only array of 32-byte hashes. */
class HashColumn {
  private readonly chunks: Uint8Array[] = [];
  length = 0;

  push(hash: Uint8Array): void {
    const offset = (this.length % CHUNK_HASHES) * HASH_SIZE;
    if (offset === 0) this.chunks.push(new Uint8Array(CHUNK_HASHES * HASH_SIZE));
    this.chunks.at(-1)!.set(hash, offset);
    this.length++;
  }

  get(index: number): Uint8Array | undefined {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.length) return undefined;
    const chunk = this.chunks[Math.floor(index / CHUNK_HASHES)]!;
    const offset = (index % CHUNK_HASHES) * HASH_SIZE;
    return chunk.subarray(offset, offset + HASH_SIZE);
  }
}

/**
 * @example
 * const tree = new MemoryTree();
 * tree.appendLeaf(new TextEncoder().encode('one'));
 * const proof = tree.inclusionProof(0, tree.size);
 */
export class MemoryTree {
  private readonly levels: HashColumn[] = [new HashColumn()];

  /** The number of leaves. */
  get size(): number {
    return this.levels[0]!.length;
  }

  /** Hashes the entry (RFC 9162 §2.1.1) and appends it; returns the nodes completed. */
  appendLeaf(entry: Uint8Array): StoredNode[] {
    return this.appendLeafHash(leafHash(entry));
  }

  /** Appends a leaf hash; returns it and every parent it completed (the rows a store writes). */
  appendLeafHash(hash: Uint8Array): StoredNode[] {
    if (hash.length !== HASH_SIZE) throw new LedgerError('BAD_HASH_LENGTH', `leaf hash ${this.size} has ${hash.length} bytes`);
    let node: StoredNode = { level: 0, index: this.size, hash };
    const written: StoredNode[] = [];
    for (;;) {
      this.column(node.level).push(node.hash);
      written.push(node);
      if (node.index % 2 === 0) return written;
      const left = this.levels[node.level]!.get(node.index - 1)!;
      node = { level: node.level + 1, index: (node.index - 1) / 2, hash: nodeHash(left, node.hash) };
    }
  }

  /** The stored hash at an address, if that subtree is complete (a view: do not write to it). */
  readonly lookup: HashLookup = (address: NodeAddress) => this.levels[address.level]?.get(address.index);

  /** The root of the tree at any size up to the current one. */
  root(size: number = this.size): Uint8Array {
    this.assertWithin(size);
    return buildRoot(size, this.lookup);
  }

  /** RFC 9162 §2.1.3.1 inclusion proof of leaf `index` in the tree of `size`. */
  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    this.assertWithin(size);
    return buildInclusionProof(index, size, this.lookup);
  }

  /** RFC 9162 §2.1.4.1 consistency proof between two sizes. */
  consistencyProof(size1: number, size2: number = this.size): Uint8Array[] {
    this.assertWithin(size2);
    return buildConsistencyProof(size1, size2, this.lookup);
  }

  private column(level: number): HashColumn {
    while (this.levels.length <= level) this.levels.push(new HashColumn());
    return this.levels[level]!;
  }

  private assertWithin(size: number): void {
    if (size > this.size) throw new LedgerError('BAD_SIZE', `size ${size} is beyond the tree's ${this.size} leaves`);
  }
}
