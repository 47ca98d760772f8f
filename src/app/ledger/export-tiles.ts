/**
 * `waymark ledger export-tiles <dir>`: writes the log as of its latest signed checkpoint in the
 * C2SP tlog-tiles layout (checkpoint, tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>]), so any
 * tlog-tiles client, and `ledger verify --tiles`, can check it without the database.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LedgerError } from '../../domain/ledger/errors.ts';
import { bundlesForSize, tilePath, tilesForSize } from '../../domain/ledger/tiles.ts';
import type { TileAddress } from '../../domain/ledger/tiles.ts';
import type { Engine } from '../../store/engine.ts';
import { publishCheckpoint } from './checkpoints.ts';
import { entryBundleBytes, hashTileBytes } from './tile-data.ts';

export interface TileExport {
  readonly directory: string;
  readonly size: number;
  readonly tiles: number;
  readonly bundles: number;
}

/** Signs a checkpoint if the log grew, then writes every tile and bundle of that size. */
export async function exportTiles(engine: Engine, url: string, directory: string): Promise<TileExport> {
  const published = await publishCheckpoint(engine, url);
  const size = published.checkpoint.size;
  const tiles = tilesForSize(size);
  for (const tile of tiles) write(directory, tile, await hashTileBytes(engine.db, tile));
  const bundles = bundlesForSize(size);
  for (const bundle of bundles) write(directory, bundle, await entryBundleBytes(engine.db, bundle));
  // The checkpoint last: a reader that sees it finds every tile it commits to.
  writeFileSync(join(directory, 'checkpoint'), published.cosigned);
  return { directory, size, tiles: tiles.length, bundles: bundles.length };
}

function write(directory: string, tile: TileAddress, data: Uint8Array | undefined): void {
  const path = tilePath(tile);
  if (data === undefined) throw new LedgerError('MISSING_HASH', `${path}: a stored hash or entry is missing; run \`waymark ledger verify\``);
  const file = join(directory, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}
