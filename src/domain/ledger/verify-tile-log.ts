/**
 * Verifies a whole log published in C2SP tlog-tiles layout, whoever wrote it: the checkpoint's
 * signature, then every entry bundle hashed (RFC 9162 §2.1.1), every tile of every level
 * recomputed and compared byte for byte, and the root compared with the checkpoint's. It
 * streams: memory stays at one 256-hash row per tile level, whatever the log's size.
 */
import { openCheckpoint } from './checkpoint.ts';
import type { Checkpoint } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import { digestsEqual, leafHash } from './hash.ts';
import { EMPTY_FRONTIER, appendLeafHashes, frontierRoot } from './frontier.ts';
import type { Frontier } from './frontier.ts';
import type { NoteVerifier } from './note-key.ts';
import { TILE_WIDTH, bundlesForSize, completeSubtreeHash, parseEntryBundle, parseTile, tilePath } from './tiles.ts';
import type { HashTileAddress, TileAddress } from './tiles.ts';

/** Reads a file of the log by its path relative to the log's root; null when absent. */
export type TileReader = (path: string) => Uint8Array | null;

export type TileLogFailure =
  | 'MISSING_FILE'
  | 'BAD_CHECKPOINT'
  | 'MALFORMED_BUNDLE'
  | 'MALFORMED_TILE'
  | 'TILE_MISMATCH'
  | 'ROOT_MISMATCH';

export type TileLogResult =
  | { readonly ok: true; readonly checkpoint: Checkpoint; readonly entries: number; readonly tiles: number }
  | {
      readonly ok: false;
      readonly failure: TileLogFailure;
      /** The first file found wrong. */
      readonly path: string;
      /** The entry index (level 0) or stored-hash index (level 8·L) at fault, where one is known. */
      readonly index?: number;
      readonly detail: string;
    };

type Failure = Extract<TileLogResult, { ok: false }>;

/** Verifies the log behind `read` against its `checkpoint`, signed by `logVerifier`. */
export function verifyTileLog(read: TileReader, logVerifier: NoteVerifier): TileLogResult {
  const bytes = read('checkpoint');
  if (bytes === null) return fail('MISSING_FILE', 'checkpoint', 'the log has no checkpoint');
  let checkpoint: Checkpoint;
  try {
    checkpoint = openCheckpoint(bytes, logVerifier).checkpoint;
  } catch (error) {
    if (error instanceof LedgerError) return fail('BAD_CHECKPOINT', 'checkpoint', error.message);
    throw error;
  }
  const walk = new TileWalk(read);
  const failure = walk.run(checkpoint.size);
  if (failure !== null) return failure;
  if (!digestsEqual(frontierRoot(walk.frontier), checkpoint.root)) {
    return fail('ROOT_MISMATCH', 'checkpoint', `the entries' root at size ${checkpoint.size} is not the checkpoint's root`);
  }
  return { ok: true, checkpoint, entries: checkpoint.size, tiles: walk.tilesChecked };
}

/** One pass over the bundles, carrying the pending row of each tile level upwards. */
class TileWalk {
  frontier: Frontier = EMPTY_FRONTIER;
  tilesChecked = 0;
  /** rows[L]: hashes of stored level 8·L not yet in a full tile; rows[0] is unused. */
  private readonly rows: Uint8Array[][] = [[]];
  /** full[L]: how many full tiles of level L have been checked. */
  private readonly full: number[] = [0];

  constructor(private readonly read: TileReader) {}

  run(size: number): Failure | null {
    for (const bundle of bundlesForSize(size)) {
      const failure = this.checkBundle(bundle);
      if (failure !== null) return failure;
    }
    for (let level = 1; level < this.rows.length; level++) {
      const row = this.rows[level]!;
      if (row.length === 0) continue;
      const failure = this.checkTile({ level, index: this.full[level]!, width: row.length }, row);
      if (failure !== null) return failure;
    }
    return null;
  }

  private checkBundle(bundle: TileAddress): Failure | null {
    const path = tilePath(bundle);
    const data = this.read(path);
    if (data === null) return fail('MISSING_FILE', path, 'entry bundle is missing');
    const first = bundle.index * TILE_WIDTH;
    let entries: Uint8Array[];
    try {
      entries = parseEntryBundle(data);
    } catch (error) {
      if (error instanceof LedgerError) return fail('MALFORMED_BUNDLE', path, error.message, first);
      throw error;
    }
    if (entries.length !== bundle.width) {
      return fail('MALFORMED_BUNDLE', path, `holds ${entries.length} entries, not ${bundle.width}`, first + Math.min(entries.length, bundle.width));
    }
    const hashes = entries.map(leafHash);
    this.frontier = appendLeafHashes(this.frontier, hashes).frontier;
    return this.checkTile({ level: 0, index: bundle.index, width: bundle.width }, hashes);
  }

  /** Compares a tile with the hashes it must hold; a full tile's subtree hash moves up a level. */
  private checkTile(tile: HashTileAddress, hashes: readonly Uint8Array[]): Failure | null {
    const path = tilePath(tile);
    const data = this.read(path);
    if (data === null) return fail('MISSING_FILE', path, 'tile is missing');
    let stored: Uint8Array[];
    try {
      stored = parseTile(data, tile.width);
    } catch (error) {
      if (error instanceof LedgerError) return fail('MALFORMED_TILE', path, error.message);
      throw error;
    }
    const bad = hashes.findIndex((hash, i) => !digestsEqual(hash, stored[i]!));
    const index = tile.index * TILE_WIDTH + bad;
    if (bad >= 0) {
      const what = tile.level === 0 ? `entry ${index} does not hash to` : `hash ${index} of tree level ${tile.level * 8} is not`;
      return fail('TILE_MISMATCH', path, `${what} the tile's hash ${bad}`, index);
    }
    this.tilesChecked++;
    return tile.width === TILE_WIDTH ? this.carry(tile.level + 1, completeSubtreeHash(hashes)) : null;
  }

  /** Adds a hash to the row of a tile level, checking the tile when the row fills up. */
  private carry(level: number, hash: Uint8Array): Failure | null {
    while (this.rows.length <= level) {
      this.rows.push([]);
      this.full.push(0);
    }
    const row = this.rows[level]!;
    row.push(hash);
    if (row.length < TILE_WIDTH) return null;
    const tile: HashTileAddress = { level, index: this.full[level]!, width: TILE_WIDTH };
    this.rows[level] = [];
    this.full[level]!++;
    return this.checkTile(tile, row);
  }
}

function fail(failure: TileLogFailure, path: string, detail: string, index?: number): Failure {
  return index === undefined ? { ok: false, failure, path, detail } : { ok: false, failure, path, index, detail };
}
