import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from './hash.ts';
import { MemoryTree } from './memory-tree.ts';
import { isStratumLevel, lookupFromStrata, rangesForAddresses, stratumSpan } from './strata.ts';
import type { StratumRow } from './strata.ts';
import { buildInclusionProof, consistencyPlan, inclusionPlan, planAddresses, rootPlan } from './tree-plan.ts';
import type { NodeAddress } from './tree-plan.ts';

function treeOf(size: number): MemoryTree {
  const tree = new MemoryTree();
  for (let i = 0; i < size; i++) tree.appendLeafHash(sha256(Uint8Array.of(i & 0xff, i >> 8)));
  return tree;
}

/** Every stored hash a store keeps for the tree: the strata, level 0 included. */
function strataRows(tree: MemoryTree): StratumRow[] {
  const rows: StratumRow[] = [];
  for (let level = 0; 2 ** level <= tree.size; level += 4) {
    for (let index = 0; (index + 1) * 2 ** level <= tree.size; index++) rows.push({ level, index, hash: tree.lookup({ level, index })! });
  }
  return rows;
}

function completeNodes(size: number): NodeAddress[] {
  const out: NodeAddress[] = [];
  for (let level = 0; 2 ** level <= size; level++) for (let index = 0; (index + 1) * 2 ** level <= size; index++) out.push({ level, index });
  return out;
}

describe('strata: every fourth level stored, the rest folded from it', () => {
  it('maps a node to the ≤ 8 hashes of the stratum below it', () => {
    expect(stratumSpan({ level: 0, index: 5 })).toEqual({ level: 0, lo: 5, hi: 6 });
    expect(stratumSpan({ level: 3, index: 2 })).toEqual({ level: 0, lo: 16, hi: 24 });
    expect(stratumSpan({ level: 8, index: 1 })).toEqual({ level: 8, lo: 1, hi: 2 });
    expect(stratumSpan({ level: 19, index: 1 })).toEqual({ level: 16, lo: 8, hi: 16 });
    expect([0, 4, 8, 12].every(isStratumLevel) && ![1, 5, 9, 15].some(isStratumLevel)).toBe(true);
  });

  it('computes every complete subtree of random trees exactly as the in-memory tree has it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 700 }), (size) => {
      const tree = treeOf(size);
      const lookup = lookupFromStrata(strataRows(tree));
      for (const address of completeNodes(size)) expect(Buffer.from(lookup(address)!).equals(tree.lookup(address)!)).toBe(true);
    }), { numRuns: 25, seed: 10 });
  });

  it('needs only the rows its ranges name, for any proof plan', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 3000 }), fc.nat(), fc.nat(), (size, a, b) => {
      const tree = treeOf(size);
      const index = a % size;
      const size1 = 1 + (b % size);
      const addresses = [...planAddresses(inclusionPlan(index, size)), ...planAddresses(consistencyPlan(size1, size)), ...rootPlan(size), ...rootPlan(size1)];
      const ranges = rangesForAddresses(addresses);
      const rows = strataRows(tree).filter((row) => ranges.some((r) => r.level === row.level && row.index >= r.lo && row.index < r.hi));
      // Both proofs and both roots together: a few dozen rows per stratum, whatever the size.
      expect(rows.length).toBeLessThanOrEqual(48 * (Math.floor(Math.log2(size) / 4) + 1));
      const lookup = lookupFromStrata(rows);
      expect(buildInclusionProof(index, size, lookup).map((h) => Buffer.from(h).toString('hex'))).toEqual(tree.inclusionProof(index, size).map((h) => Buffer.from(h).toString('hex')));
      for (const address of addresses) expect(Buffer.from(lookup(address)!).equals(tree.lookup(address)!)).toBe(true);
    }), { numRuns: 40, seed: 11 });
  });

  it('reads a changed or missing stored hash as a different or missing node above it', () => {
    const tree = treeOf(64);
    const rows = strataRows(tree);
    const flipped = rows.map((row) => (row.level === 4 && row.index === 2 ? { ...row, hash: row.hash.map((x, i) => (i === 0 ? x ^ 1 : x)) } : row));
    expect(Buffer.from(lookupFromStrata(flipped)({ level: 6, index: 0 })!).equals(tree.lookup({ level: 6, index: 0 })!)).toBe(false);
    expect(Buffer.from(lookupFromStrata(flipped)({ level: 5, index: 0 })!).equals(tree.lookup({ level: 5, index: 0 })!)).toBe(true);
    const missing = rows.filter((row) => !(row.level === 0 && row.index === 17));
    expect(lookupFromStrata(missing)({ level: 2, index: 4 })).toBeUndefined();
    expect(lookupFromStrata(rows.map((row) => ({ ...row, hash: row.hash.subarray(1) })))({ level: 0, index: 0 })).toBeUndefined();
  });
});
