/**
 * C2SP tlog-tiles geometry. A tile at level L holds up to 256 consecutive stored hashes of
 * tree level 8·L (level 0: the leaf hashes); tile N covers hashes N·256 … N·256+W-1. Full
 * tiles never change, so they can be cached forever; the last tile of a level may be partial
 * (`.p/<W>`). Entry bundles follow the level-0 tiles one for one.
 */
import { LedgerError } from './errors.ts';
import { HASH_SIZE, nodeHash } from './hash.ts';
import { rootPlan } from './tree-plan.ts';
import type { HashLookup, NodeAddress } from './tree-plan.ts';

/** C2SP tlog-tiles: tiles are 8 tree levels high and up to 256 hashes wide. */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
const MAX_ENTRY_SIZE = 0xffff;

/** One tile (or, with `level: 'entries'`, one entry bundle) at a given width. */
export interface TileAddress {
  readonly level: number | 'entries';
  readonly index: number;
  /** 1..256; 256 is a full tile. */
  readonly width: number;
}

/** A hash tile (level is a number). */
export interface HashTileAddress extends TileAddress {
  readonly level: number;
}

/** `x001/x234/067` for 1234067 (C2SP tlog-tiles "Merkle Tree"). */
export function formatTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new LedgerError('BAD_INDEX', `tile index ${index} is not a non-negative integer`);
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`. */
export function tilePath(tile: TileAddress): string {
  if (!Number.isInteger(tile.width) || tile.width < 1 || tile.width > TILE_WIDTH) throw new LedgerError('BAD_PATH', `tile width ${tile.width} is not in 1..256`);
  if (tile.level !== 'entries' && (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > 63)) throw new LedgerError('BAD_PATH', `tile level ${tile.level} is not in 0..63`);
  const partial = tile.width < TILE_WIDTH ? `.p/${tile.width}` : '';
  return `tile/${tile.level}/${formatTileIndex(tile.index)}${partial}`;
}

/** Parses a canonical tile or entry-bundle path (as a server receives it); throws BAD_PATH. */
export function parseTilePath(path: string): TileAddress {
  const match = /^tile\/(entries|\d{1,2})\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d{1,3}))?$/.exec(path);
  if (match === null) throw new LedgerError('BAD_PATH', `${path} is not a tlog-tiles path`);
  const [, levelText = '', indexText = '', widthText] = match;
  const tile: TileAddress = {
    level: levelText === 'entries' ? 'entries' : Number(levelText),
    index: Number(indexText.replace(/x|\//g, '')),
    width: widthText === undefined ? TILE_WIDTH : Number(widthText),
  };
  if (tilePath(tile) !== path) throw new LedgerError('BAD_PATH', `${path} is not in canonical form`);
  return tile;
}

/** How many hashes of stored level 8·L a tree of `size` leaves has. */
export function hashesAtTileLevel(size: number, level: number): number {
  return Math.floor(size / 2 ** (TILE_HEIGHT * level));
}

/** Every tile of a level, at the widths a tree of `size` leaves gives them. */
function tilesOfLevel(level: number | 'entries', count: number, from = 0): TileAddress[] {
  const out: TileAddress[] = [];
  for (let index = from; index * TILE_WIDTH < count; index++) out.push({ level, index, width: Math.min(TILE_WIDTH, count - index * TILE_WIDTH) });
  return out;
}

/** All hash tiles of a tree of `size` leaves, level 0 first. */
export function tilesForSize(size: number): HashTileAddress[] {
  const out: HashTileAddress[] = [];
  for (let level = 0; hashesAtTileLevel(size, level) > 0; level++) {
    for (const tile of tilesOfLevel(level, hashesAtTileLevel(size, level))) out.push({ ...tile, level });
  }
  return out;
}

/** All entry bundles of a log of `size` entries. */
export function bundlesForSize(size: number): TileAddress[] {
  return tilesOfLevel('entries', size);
}

/**
 * The tiles and bundles that a growth from oldSize to newSize creates or widens: what a
 * store rewrites (or a static mirror uploads) after an append.
 */
export function changedTiles(oldSize: number, newSize: number): TileAddress[] {
  const out: TileAddress[] = [];
  for (let level = 0; hashesAtTileLevel(newSize, level) > 0; level++) {
    const before = hashesAtTileLevel(oldSize, level);
    if (hashesAtTileLevel(newSize, level) > before) out.push(...tilesOfLevel(level, hashesAtTileLevel(newSize, level), Math.floor(before / TILE_WIDTH)));
  }
  if (newSize > oldSize) out.push(...tilesOfLevel('entries', newSize, Math.floor(oldSize / TILE_WIDTH)));
  return out;
}

/** The stored hashes a hash tile holds (the rows a store reads to serve it). */
export function tileAddresses(tile: HashTileAddress): NodeAddress[] {
  return Array.from({ length: tile.width }, (_, i) => ({ level: tile.level * TILE_HEIGHT, index: tile.index * TILE_WIDTH + i }));
}

/** The bytes of a hash tile: its W hashes concatenated. */
export function buildTile(tile: HashTileAddress, lookup: HashLookup): Uint8Array {
  const out = new Uint8Array(tile.width * HASH_SIZE);
  tileAddresses(tile).forEach((address, i) => {
    const hash = lookup(address);
    if (hash === undefined || hash.length !== HASH_SIZE) throw new LedgerError('MISSING_HASH', `tile ${tilePath(tile)} needs hash level ${address.level} index ${address.index}`);
    out.set(hash, i * HASH_SIZE);
  });
  return out;
}

/** Splits a tile's bytes into its hashes; the length must be exactly W·32. */
export function parseTile(data: Uint8Array, width: number): Uint8Array[] {
  if (data.length !== width * HASH_SIZE) throw new LedgerError('MALFORMED_TILE', `a tile of width ${width} has ${width * HASH_SIZE} bytes, not ${data.length}`);
  return Array.from({ length: width }, (_, i) => data.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}

/**
 * The tile of a tree of `size` leaves that holds the node at `address` (tlog TileForIndex):
 * node (l, i) is computed from 2^(l-8L) hashes of tile level L = ⌊l/8⌋.
 */
export function tileForNode(address: NodeAddress, size: number): HashTileAddress {
  const level = Math.floor(address.level / TILE_HEIGHT);
  const span = 2 ** (address.level - level * TILE_HEIGHT);
  const first = address.index * span;
  const index = Math.floor(first / TILE_WIDTH);
  const width = Math.min(TILE_WIDTH, hashesAtTileLevel(size, level) - index * TILE_WIDTH);
  if (first + span > index * TILE_WIDTH + width) throw new LedgerError('BAD_INDEX', `node level ${address.level} index ${address.index} is not complete at size ${size}`);
  return { level, index, width };
}

/** The hash of a node from the tile that holds it (tlog HashFromTile). */
export function hashFromTile(tile: HashTileAddress, data: Uint8Array, address: NodeAddress): Uint8Array {
  const hashes = parseTile(data, tile.width);
  const span = 2 ** (address.level - tile.level * TILE_HEIGHT);
  const offset = address.index * span - tile.index * TILE_WIDTH;
  if (span > TILE_WIDTH || offset < 0 || offset + span > tile.width) throw new LedgerError('BAD_INDEX', `node level ${address.level} index ${address.index} is not in ${tilePath(tile)}`);
  return completeSubtreeHash(hashes.slice(offset, offset + span));
}

/**
 * A lookup that serves any stored hash of a tree of `size` leaves from its tiles, so a store
 * that keeps only tiles answers root and proof plans with one tile read per address.
 */
export function lookupFromTiles(size: number, readTile: (tile: HashTileAddress) => Uint8Array | undefined): HashLookup {
  return (address) => {
    const tile = tileForNode(address, size);
    const data = readTile(tile);
    return data === undefined ? undefined : hashFromTile(tile, data, address);
  };
}

/** The tiles a set of plan addresses need, each once. */
export function tilesForAddresses(addresses: readonly NodeAddress[], size: number): HashTileAddress[] {
  const byPath = new Map<string, HashTileAddress>();
  for (const address of addresses) {
    const tile = tileForNode(address, size);
    byPath.set(tilePath(tile), tile);
  }
  return [...byPath.values()];
}

/** The tiles needed for the root of a tree of `size` leaves. */
export function tilesForRoot(size: number): HashTileAddress[] {
  return tilesForAddresses(rootPlan(size), size);
}

/** RFC 9162 §2.1.1 hash of a complete subtree (2^k hashes), pairing level by level. */
export function completeSubtreeHash(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0 || (hashes.length & (hashes.length - 1)) !== 0) throw new LedgerError('BAD_SIZE', `${hashes.length} hashes do not form a complete subtree`);
  let level = hashes;
  while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => nodeHash(level[2 * i]!, level[2 * i + 1]!));
  return level[0]!;
}

/** C2SP tlog-tiles entry bundle: each entry as uint16 big-endian length, then its bytes. */
export function parseEntryBundle(data: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < data.length) {
    if (at + 2 > data.length) throw new LedgerError('MALFORMED_BUNDLE', `entry ${entries.length} has a truncated length at byte ${at}`);
    const length = (data[at]! << 8) | data[at + 1]!;
    if (at + 2 + length > data.length) throw new LedgerError('MALFORMED_BUNDLE', `entry ${entries.length} runs past the end of the bundle`);
    entries.push(data.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}

/** Writes an entry bundle; entries longer than 65535 bytes cannot be bundled. */
export function formatEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(entries.reduce((n, e) => n + 2 + e.length, 0));
  let at = 0;
  entries.forEach((entry, i) => {
    if (entry.length > MAX_ENTRY_SIZE) throw new LedgerError('MALFORMED_BUNDLE', `entry ${i} has ${entry.length} bytes, more than 65535`);
    out[at] = entry.length >> 8;
    out[at + 1] = entry.length & 0xff;
    out.set(entry, at + 2);
    at += 2 + entry.length;
  });
  return out;
}
