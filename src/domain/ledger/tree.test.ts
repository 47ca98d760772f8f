import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import reference from '../../../../shared/data/ledger/reference-tree.json' with { type: 'json' };
import { LedgerError } from './errors.ts';
import { EMPTY_FRONTIER, appendLeafHashes, frontierRoot, loadFrontier } from './frontier.ts';
import { digestsEqual, emptyRoot, leafHash, nodeHash, sha256 } from './hash.ts';
import { MemoryTree } from './memory-tree.ts';
import { verifyConsistency, verifyInclusion } from './proof.ts';
import { merkleConsistencyProof, merkleInclusionPath, merkleTreeHash } from './rfc-tree.ts';
import { consistencyPlan, inclusionPlan, lookupFromNodes, planAddresses, rootPlan } from './tree-plan.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const referenceLeaves = reference.leafInputsHex.map(fromHex);

/** n distinct leaf hashes, derived deterministically. */
function leavesOf(n: number, seed = 0): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => leafHash(ascii(`${seed}:${i}`)));
}

function treeOf(leaves: readonly Uint8Array[]): MemoryTree {
  const tree = new MemoryTree();
  for (const h of leaves) tree.appendLeafHash(h);
  return tree;
}

describe('hashing (RFC 9162 §2.1.1)', () => {
  it('matches the single-hash checks', () => {
    expect(hex(leafHash(ascii('L123456')))).toBe(reference.singleHashes['hashLeaf("L123456")']);
    expect(hex(nodeHash(ascii('N123'), ascii('N456')))).toBe(reference.singleHashes['hashChildren("N123","N456")']);
    expect(hex(emptyRoot())).toBe(reference.rootHashesHex[0]);
  });

  it('hashes the 8 reference leaves', () => {
    expect(referenceLeaves.map((l) => hex(leafHash(l)))).toEqual(reference.leafHashHex);
  });

  it('compares digests in constant time and refuses unequal lengths', () => {
    expect(digestsEqual(sha256(ascii('a')), sha256(ascii('a')))).toBe(true);
    expect(digestsEqual(sha256(ascii('a')), sha256(ascii('b')))).toBe(false);
    expect(digestsEqual(sha256(), sha256().subarray(1))).toBe(false);
  });
});

describe('roots of the reference tree', () => {
  it.each(reference.rootHashesHex.map((root, size) => [size, root] as const))('size %i', (size, root) => {
    const leaves = referenceLeaves.slice(0, size).map(leafHash);
    expect(hex(merkleTreeHash(leaves))).toBe(root);
    expect(hex(treeOf(leaves).root())).toBe(root);
    expect(hex(frontierRoot(appendLeafHashes(EMPTY_FRONTIER, leaves).frontier))).toBe(root);
  });

  it('gives the root at every earlier size from one tree', () => {
    const tree = treeOf(referenceLeaves.map(leafHash));
    reference.rootHashesHex.forEach((root, size) => expect(hex(tree.root(size))).toBe(root));
  });
});

describe('stored-hash proofs agree with the RFC definitions', () => {
  it('for every index and size pair up to 70 leaves', () => {
    const leaves = leavesOf(70);
    const tree = treeOf(leaves);
    for (let size = 1; size <= 70; size++) {
      const prefix = leaves.slice(0, size);
      const root = merkleTreeHash(prefix);
      expect(hex(tree.root(size))).toBe(hex(root));
      for (let i = 0; i < size; i++) {
        const proof = tree.inclusionProof(i, size);
        expect(proof.map(hex)).toEqual(merkleInclusionPath(i, prefix).map(hex));
        verifyInclusion(leaves[i]!, i, size, proof, root);
      }
      for (let m = 1; m <= size; m++) {
        const proof = tree.consistencyProof(m, size);
        expect(proof.map(hex)).toEqual(merkleConsistencyProof(m, prefix).map(hex));
        verifyConsistency(m, size, proof, tree.root(m), root);
      }
    }
  });

  it('reads O(log n) stored hashes per proof', () => {
    const size = 1_000_003;
    for (const index of [0, 1, 500_000, 999_999, 1_000_002]) expect(planAddresses(inclusionPlan(index, size)).length).toBeLessThanOrEqual(2 * 20 + 2);
    for (const size1 of [1, 3, 65_536, 999_999]) expect(planAddresses(consistencyPlan(size1, size)).length).toBeLessThanOrEqual(2 * 20 + 2);
    expect(rootPlan(size).length).toBe(size.toString(2).replace(/0/g, '').length);
  });

  it('refuses proofs that cannot exist', () => {
    expect(() => inclusionPlan(3, 3)).toThrow(LedgerError);
    expect(() => inclusionPlan(-1, 3)).toThrow(LedgerError);
    expect(() => consistencyPlan(0, 3)).toThrow(LedgerError);
    expect(() => consistencyPlan(4, 3)).toThrow(LedgerError);
    expect(() => rootPlan(Number.MAX_SAFE_INTEGER + 2)).toThrow(LedgerError);
    expect(() => new MemoryTree().root(1)).toThrow(LedgerError);
    expect(() => treeOf(leavesOf(2)).inclusionProof(0, 3)).toThrow(LedgerError);
  });

  it('reports a missing stored hash by its address', () => {
    const lookup = lookupFromNodes([]);
    expect(() => loadFrontier(3, lookup)).toThrow(/level 1 index 0/);
  });
});

describe('frontier appends (what a store writes per transaction)', () => {
  it('writes every complete subtree exactly once, across batches', () => {
    const leaves = leavesOf(300);
    const tree = new MemoryTree();
    const expected = leaves.flatMap((h) => tree.appendLeafHash(h));
    let frontier = EMPTY_FRONTIER;
    const written = [];
    let start = 0;
    for (const n of [1, 2, 5, 7, 29, 256]) {
      const result = appendLeafHashes(frontier, leaves.slice(start, start + n));
      start += n;
      frontier = result.frontier;
      written.push(...result.written);
    }
    expect(frontier.size).toBe(300);
    expect(written.map((n) => `${n.level}/${n.index}/${hex(n.hash)}`)).toEqual(expected.map((n) => `${n.level}/${n.index}/${hex(n.hash)}`));
    expect(hex(frontierRoot(frontier))).toBe(hex(merkleTreeHash(leaves)));
    // a store reloads the frontier from its rows and continues where it left off
    expect(hex(frontierRoot(loadFrontier(300, lookupFromNodes(written))))).toBe(hex(frontierRoot(frontier)));
  });
});

describe('properties (fast-check)', () => {
  const sizes = fc.integer({ min: 1, max: 300 });

  it('incremental root equals the naive root at every size', () => {
    fc.assert(fc.property(sizes, fc.nat(1000), (n, seed) => {
      const leaves = leavesOf(n, seed);
      const tree = treeOf(leaves);
      const size = 1 + (seed % n);
      expect(hex(tree.root(size))).toBe(hex(merkleTreeHash(leaves.slice(0, size))));
    }), { numRuns: 100 });
  });

  it('every inclusion proof verifies, and a flipped bit anywhere makes it fail', () => {
    fc.assert(fc.property(sizes, fc.nat(), fc.nat(), fc.nat(255), (size, i, pick, bit) => {
      const leaves = leavesOf(size, i);
      const tree = treeOf(leaves);
      const index = i % size;
      const proof = tree.inclusionProof(index, size);
      const root = tree.root(size);
      verifyInclusion(leaves[index]!, index, size, proof, root);
      const flip = (b: Uint8Array): Uint8Array => { const c = Uint8Array.from(b); c[bit % 32]! ^= 1 << (bit % 8); return c; };
      expect(() => verifyInclusion(flip(leaves[index]!), index, size, proof, root)).toThrow(LedgerError);
      expect(() => verifyInclusion(leaves[index]!, index, size, proof, flip(root))).toThrow(LedgerError);
      if (proof.length > 0) {
        const bad = proof.map((p, k) => (k === pick % proof.length ? flip(p) : p));
        expect(() => verifyInclusion(leaves[index]!, index, size, bad, root)).toThrow(LedgerError);
      }
    }), { numRuns: 200 });
  });

  it('every consistency proof verifies, and a flipped bit anywhere makes it fail', () => {
    fc.assert(fc.property(sizes, fc.nat(), fc.nat(), fc.nat(255), (size2, s, pick, bit) => {
      const tree = treeOf(leavesOf(size2, s));
      const size1 = 1 + (s % size2);
      const proof = tree.consistencyProof(size1, size2);
      const [root1, root2] = [tree.root(size1), tree.root(size2)];
      verifyConsistency(size1, size2, proof, root1, root2);
      const flip = (b: Uint8Array): Uint8Array => { const c = Uint8Array.from(b); c[bit % 32]! ^= 1 << (bit % 8); return c; };
      expect(() => verifyConsistency(size1, size2, proof, flip(root1), root2)).toThrow(LedgerError);
      expect(() => verifyConsistency(size1, size2, proof, root1, flip(root2))).toThrow(LedgerError);
      if (proof.length > 0) {
        const bad = proof.map((p, k) => (k === pick % proof.length ? flip(p) : p));
        expect(() => verifyConsistency(size1, size2, bad, root1, root2)).toThrow(LedgerError);
      }
    }), { numRuns: 200 });
  });
});
