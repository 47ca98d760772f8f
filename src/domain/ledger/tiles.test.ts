import { describe, expect, it } from 'vitest';
import { signCheckpoint } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import { leafHash } from './hash.ts';
import { MemoryTree } from './memory-tree.ts';
import { parseVerifierKey, signerFromSeed } from './note-key.ts';
import { inclusionPlan, consistencyPlan, planAddresses, buildProof, rootPlan } from './tree-plan.ts';
import {
  buildTile, bundlesForSize, changedTiles, formatEntryBundle, formatTileIndex, hashFromTile, lookupFromTiles,
  parseEntryBundle, parseTilePath, tileForNode, tilePath, tilesForAddresses, tilesForSize,
} from './tiles.ts';
import type { HashTileAddress } from './tiles.ts';
import { verifyTileLog } from './verify-tile-log.ts';

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const ORIGIN = 'waymark.test/tiles';
const signer = signerFromSeed(ORIGIN, new Uint8Array(32).fill(9));
const verifier = parseVerifierKey(signer.verifierKey);

/** Writes a whole log in tlog-tiles layout, in memory, the way a static mirror would. */
function writeLog(size: number): { files: Map<string, Uint8Array>; tree: MemoryTree } {
  const entries = Array.from({ length: size }, (_, i) => encode(`entry ${i}`));
  const tree = new MemoryTree();
  for (const e of entries) tree.appendLeaf(e);
  const files = new Map<string, Uint8Array>();
  for (const tile of tilesForSize(size)) files.set(tilePath(tile), buildTile(tile, tree.lookup));
  for (const bundle of bundlesForSize(size)) files.set(tilePath(bundle), formatEntryBundle(entries.slice(bundle.index * 256, bundle.index * 256 + bundle.width)));
  files.set('checkpoint', encode(signCheckpoint({ origin: ORIGIN, size, root: tree.root(), extensions: [] }, signer)));
  return { files, tree };
}

const reader = (files: Map<string, Uint8Array>) => (path: string): Uint8Array | null => files.get(path) ?? null;

describe('tlog-tiles paths', () => {
  it.each([
    [{ level: 0, index: 0, width: 256 }, 'tile/0/000'],
    [{ level: 1, index: 1234067, width: 256 }, 'tile/1/x001/x234/067'],
    [{ level: 0, index: 1000, width: 3 }, 'tile/0/x001/000.p/3'],
    [{ level: 'entries' as const, index: 5, width: 255 }, 'tile/entries/005.p/255'],
  ])('%o is %s', (tile, path) => {
    expect(tilePath(tile)).toBe(path);
    expect(parseTilePath(path)).toEqual(tile);
  });

  it.each(['tile/0/x000/001', 'tile/0/1', 'tile/0/000.p/256', 'tile/0/000.p/0', 'tile/0/000.p/007', 'tile/64/000', 'tile/entries/000/', '../tile/0/000'])('refuses %s', (path) => {
    expect(() => parseTilePath(path)).toThrow(LedgerError);
  });

  it('writes indices in 3-digit groups', () => {
    expect(formatTileIndex(0)).toBe('000');
    expect(formatTileIndex(999)).toBe('999');
    expect(formatTileIndex(1000)).toBe('x001/000');
  });
});

describe('tile geometry', () => {
  it('lists the tiles of a size, partial ones last', () => {
    expect(tilesForSize(0)).toEqual([]);
    expect(tilesForSize(15).map(tilePath)).toEqual(['tile/0/000.p/15']);
    expect(tilesForSize(256 * 3 + 2).map(tilePath)).toEqual(['tile/0/000', 'tile/0/001', 'tile/0/002', 'tile/0/003.p/2', 'tile/1/000.p/3']);
    expect(bundlesForSize(513).map(tilePath)).toEqual(['tile/entries/000', 'tile/entries/001', 'tile/entries/002.p/1']);
  });

  it('lists what an append changes', () => {
    expect(changedTiles(250, 260).map(tilePath)).toEqual(['tile/0/000', 'tile/0/001.p/4', 'tile/1/000.p/1', 'tile/entries/000', 'tile/entries/001.p/4']);
    expect(changedTiles(260, 261).map(tilePath)).toEqual(['tile/0/001.p/5', 'tile/entries/001.p/5']);
    expect(changedTiles(5, 5)).toEqual([]);
  });

  it('serves every proof of a multi-level log from its tiles alone', () => {
    const size = 256 * 256 + 300;
    const { files, tree } = writeLog(size);
    expect(tilesForSize(size).filter((t) => t.level === 2).map(tilePath)).toEqual(['tile/2/000.p/1']);
    const readTile = (tile: HashTileAddress) => files.get(tilePath(tile));
    const fromTiles = lookupFromTiles(size, readTile);
    for (const [index, size1] of [[0, 1], [12345, 65536], [65535, 65537], [size - 1, 4097], [65600, size - 1]] as const) {
      const inclusion = inclusionPlan(index, size);
      expect(buildProof(inclusion, fromTiles)).toEqual(tree.inclusionProof(index, size));
      expect(tilesForAddresses(planAddresses(inclusion), size).length).toBeLessThanOrEqual(6);
      expect(buildProof(consistencyPlan(size1, size), fromTiles)).toEqual(tree.consistencyProof(size1, size));
    }
    expect(buildProof([rootPlan(size)], fromTiles)[0]).toEqual(tree.root());
    expect(hashFromTile(tileForNode({ level: 16, index: 0 }, size), files.get('tile/2/000.p/1')!, { level: 16, index: 0 })).toEqual(tree.lookup({ level: 16, index: 0 }));
    expect(() => tileForNode({ level: 1, index: 150 }, 300)).toThrow(LedgerError);
    expect(verifyTileLog(reader(files), verifier)).toMatchObject({ ok: true, entries: size, tiles: 256 + 2 + 2 + 1 });
  });
});

describe('verifyTileLog on a multi-level log', () => {
  const size = 256 * 256 + 300;
  const { files } = writeLog(size);
  const flipped = (path: string, at: number): Map<string, Uint8Array> => {
    const copy = new Map(files);
    const bytes = Uint8Array.from(files.get(path)!);
    bytes[at]! ^= 0x80;
    copy.set(path, bytes);
    return copy;
  };

  it.each([
    ['tile/1/000', 5 * 32 + 1, 5],
    ['tile/1/001.p/1', 0, 256],
    ['tile/2/000.p/1', 31, 0],
    ['tile/0/100', 0, 100 * 256],
  ])('names a changed hash in %s', (path, at, index) => {
    expect(verifyTileLog(reader(flipped(path, at)), verifier)).toMatchObject({ ok: false, failure: 'TILE_MISMATCH', path, index });
  });

  it('names a changed entry and a dropped entry', () => {
    expect(verifyTileLog(reader(flipped('tile/entries/001', 2)), verifier)).toMatchObject({ ok: false, failure: 'TILE_MISMATCH', path: 'tile/0/001', index: 256 });
    const short = new Map(files);
    short.set('tile/entries/003', formatEntryBundle(parseEntryBundle(files.get('tile/entries/003')!).slice(1)));
    expect(verifyTileLog(reader(short), verifier)).toMatchObject({ ok: false, failure: 'MALFORMED_BUNDLE', path: 'tile/entries/003' });
  });

  it('refuses a checkpoint with a root the tiles do not give', () => {
    const other = new Map(files);
    const tree = new MemoryTree();
    tree.appendLeaf(encode('forged'));
    other.set('checkpoint', encode(signCheckpoint({ origin: ORIGIN, size, root: tree.root(), extensions: [] }, signer)));
    expect(verifyTileLog(reader(other), verifier)).toMatchObject({ ok: false, failure: 'ROOT_MISMATCH' });
  });
});

describe('entry bundles', () => {
  it('round-trips entries, including empty ones', () => {
    const entries = [encode(''), encode('one'), new Uint8Array(300).fill(7)];
    expect(parseEntryBundle(formatEntryBundle(entries))).toEqual(entries);
  });

  it('refuses truncated bundles and oversized entries', () => {
    const bundle = formatEntryBundle([encode('one'), encode('two')]);
    expect(() => parseEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow(LedgerError);
    expect(() => parseEntryBundle(bundle.subarray(0, 6))).toThrow(/truncated/);
    expect(() => formatEntryBundle([new Uint8Array(65536)])).toThrow(LedgerError);
    expect(leafHash(parseEntryBundle(bundle)[1]!)).toEqual(leafHash(encode('two')));
  });
});
