import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_FRONTIER, appendLeafHashes, frontierRoot } from './frontier.ts';
import { HASH_SIZE, emptyRoot, sha256 } from './hash.ts';
import { LevelBuilder } from './level-builder.ts';
import { MemoryTree } from './memory-tree.ts';

const leafOf = (i: number): Uint8Array => sha256(Uint8Array.of(i & 0xff, (i >> 8) & 0xff, i >> 16));

function flat(from: number, to: number): Uint8Array {
  const out = new Uint8Array((to - from) * HASH_SIZE);
  for (let i = from; i < to; i++) out.set(leafOf(i), (i - from) * HASH_SIZE);
  return out;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('LevelBuilder: a whole tree level by level, in chunks', () => {
  it('visits every complete node once, in order, with the in-memory tree\'s hash, however the leaves are chunked', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 1, maxLength: 12 }), (chunks) => {
      const size = chunks.reduce((a, b) => a + b, 0);
      const tree = new MemoryTree();
      for (let i = 0; i < size; i++) tree.appendLeafHash(leafOf(i));
      const builder = new LevelBuilder();
      const seen = new Map<number, number>();
      let at = 0;
      for (const n of chunks) {
        builder.push(flat(at, at + n), n, (level, first, hashes, count) => {
          expect(first).toBe(seen.get(level) ?? 0);
          for (let i = 0; i < count; i++) expect(hex(hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE))).toBe(hex(tree.lookup({ level, index: first + i })!));
          seen.set(level, first + count);
        });
        at += n;
        expect(builder.size).toBe(at);
        expect(hex(builder.root())).toBe(at === 0 ? hex(emptyRoot()) : hex(tree.root(at)));
      }
      for (const [level, count] of seen) expect(count).toBe(Math.floor(size / 2 ** level));
      const reference = appendLeafHashes(EMPTY_FRONTIER, Array.from({ length: size }, (_, i) => leafOf(i))).frontier;
      expect(builder.frontier().map((n) => `${n.level}/${n.index}/${hex(n.hash)}`)).toEqual(reference.nodes.map((n) => `${n.level}/${n.index}/${hex(n.hash)}`));
      expect(hex(builder.root())).toBe(hex(frontierRoot(reference)));
    }), { numRuns: 60, seed: 12 });
  });

  it('refuses a buffer shorter than the count says', () => {
    expect(() => new LevelBuilder().push(new Uint8Array(31), 1, () => undefined)).toThrow(/32 bytes/);
  });
});
