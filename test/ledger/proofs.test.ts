import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { proveConsistency, proveInclusion, rootAt } from '../../src/app/ledger/proofs.ts';
import { digestsEqual } from '../../src/domain/ledger/hash.ts';
import { MemoryTree } from '../../src/domain/ledger/memory-tree.ts';
import { verifyConsistency, verifyInclusion } from '../../src/domain/ledger/proof.ts';
import { merkleConsistencyProof, merkleInclusionPath, merkleTreeHash } from '../../src/domain/ledger/rfc-tree.ts';
import { readHead } from '../../src/store/ledger-tree.ts';
import { describeEachEngine } from '../engines.ts';
import { appendSynthetic, closeLedgerFixture, openLedgerFixture } from './helpers.ts';
import type { LedgerFixture } from './helpers.ts';

/** The stored leaf hashes, in order, into the in-memory reference. */
async function referenceTree(fixture: LedgerFixture): Promise<MemoryTree> {
  const rows = await fixture.engine.db.selectFrom('ledger_entries').select('leaf_hash').orderBy('idx').execute();
  const tree = new MemoryTree();
  for (const row of rows) tree.appendLeafHash(row.leaf_hash);
  return tree;
}

const hex = (proof: readonly Uint8Array[]): string[] => proof.map((p) => Buffer.from(p).toString('hex'));

describeEachEngine('ledger proofs from storage', (engine) => {
  let fixture: LedgerFixture;
  let tree: MemoryTree;
  beforeAll(async () => {
    fixture = await openLedgerFixture(engine());
    // Batches of random sizes (fixed seed): the stored tree must not depend on how appends were grouped.
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 260 }), async (count) => {
      await appendSynthetic(fixture.engine, count);
      const reference = await referenceTree(fixture);
      const head = await readHead(fixture.engine.db);
      expect(head.size).toBe(reference.size);
      expect(digestsEqual(await rootAt(fixture.engine.db, head.size), reference.root())).toBe(true);
    }), { numRuns: 14, seed: 4 });
    tree = await referenceTree(fixture);
  }, 120_000);
  afterAll(async () => closeLedgerFixture(fixture));

  it('stores every fourth level and nothing else, each hash as the in-memory tree has it, across more than one level-8 tile', async () => {
    expect(tree.size).toBeGreaterThan(512);
    const rows = await fixture.engine.db.selectFrom('ledger_tree').selectAll().orderBy('level').orderBy('idx').execute();
    expect([...new Set(rows.map((row) => row.level))]).toEqual([4, 8]);
    expect(rows.filter((row) => row.level === 4)).toHaveLength(Math.floor(tree.size / 16));
    for (const row of rows) expect(Buffer.from(tree.lookup({ level: row.level, index: row.idx })!).equals(row.hash)).toBe(true);
  });

  it('inclusion proofs equal the in-memory reference and verify, at any index and size', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: tree.size }).chain((size) => fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.constant(size))), async ([index, size]) => {
      const p = await proveInclusion(fixture.engine, index, size);
      expect(hex(p.proof)).toEqual(hex(tree.inclusionProof(index, size)));
      expect(digestsEqual(p.root, tree.root(size))).toBe(true);
      verifyInclusion(p.leafHash, index, size, p.proof, p.root);
    }), { numRuns: 150 });
  });

  it('consistency proofs equal the in-memory reference and verify, between any two sizes', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: tree.size }).chain((size2) => fc.tuple(fc.integer({ min: 1, max: size2 }), fc.constant(size2))), async ([size1, size2]) => {
      const p = await proveConsistency(fixture.engine, size1, size2);
      expect(hex(p.proof)).toEqual(hex(tree.consistencyProof(size1, size2)));
      verifyConsistency(size1, size2, p.proof, p.root1, p.root2);
    }), { numRuns: 150 });
  });

  it('agrees with the RFC 9162 recursion itself on small sizes', async () => {
    const leaves = Array.from({ length: 40 }, (_, i) => tree.lookup({ level: 0, index: i })!);
    for (const size of [1, 2, 3, 7, 8, 13, 40]) {
      expect(Buffer.from(await rootAt(fixture.engine.db, size))).toEqual(Buffer.from(merkleTreeHash(leaves.slice(0, size))));
      expect(hex((await proveInclusion(fixture.engine, size - 1, size)).proof)).toEqual(hex(merkleInclusionPath(size - 1, leaves.slice(0, size))));
      if (size > 1) expect(hex((await proveConsistency(fixture.engine, size - 1, size)).proof)).toEqual(hex(merkleConsistencyProof(size - 1, leaves.slice(0, size))));
    }
  });

  it('refuses an index or size beyond the log as bad input', async () => {
    await expect(proveInclusion(fixture.engine, tree.size, tree.size)).rejects.toMatchObject({ code: 'BAD_INDEX' });
    await expect(proveInclusion(fixture.engine, 0, tree.size + 1)).rejects.toMatchObject({ code: 'BAD_SIZE' });
    await expect(proveConsistency(fixture.engine, 0, 5)).rejects.toMatchObject({ code: 'BAD_SIZE' });
  });
});
