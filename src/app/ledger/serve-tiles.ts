/**
 * The HTTP `/ledger/` resources in the C2SP tlog-tiles layout, from the store: `checkpoint`
 * (the latest signed checkpoint with its cosignatures), `tile/<L>/<N>[.p/<W>]` and
 * `tile/entries/<N>[.p/<W>]`. Full tiles never change (C2SP tlog-tiles: cache them forever).
 */
import { parseTilePath } from '../../domain/ledger/tiles.ts';
import type { HashTileAddress } from '../../domain/ledger/tiles.ts';
import type { Engine } from '../../store/engine.ts';
import { latestCheckpoint } from './checkpoints.ts';
import { logSize } from './proofs.ts';
import { entryBundleBytes, hashTileBytes, tileExists } from './tile-data.ts';

export interface LedgerResource {
  readonly contentType: string;
  readonly body: Uint8Array;
  /** True for a full tile or bundle: `Cache-Control: public, max-age=31536000, immutable`. */
  readonly immutable: boolean;
}

const TILE_TYPE = 'application/octet-stream';

/**
 * The resource at `path` (relative to `/ledger/`), or null for 404. A malformed path throws
 * LedgerError BAD_PATH (400); no checkpoint signed yet throws LedgerUseError NO_CHECKPOINT.
 *
 * @example
 * const resource = await readLedgerResource(engine, 'tile/0/x001/234.p/17');
 */
export async function readLedgerResource(engine: Engine, path: string): Promise<LedgerResource | null> {
  if (path === 'checkpoint') {
    const latest = await latestCheckpoint(engine);
    return { contentType: 'text/plain; charset=utf-8', body: new TextEncoder().encode(latest.cosigned), immutable: false };
  }
  const tile = parseTilePath(path);
  if (!tileExists(tile, await logSize(engine.db))) return null;
  const level = tile.level;
  const body = level === 'entries' ? await entryBundleBytes(engine.db, tile) : await hashTileBytes(engine.db, { ...tile, level } satisfies HashTileAddress);
  return body === undefined ? null : { contentType: TILE_TYPE, body, immutable: tile.width === 256 };
}
