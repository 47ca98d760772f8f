/**
 * Tiles and entry bundles read from the store (C2SP tlog-tiles), shared by export-tiles and
 * the HTTP `/ledger/` resources. A tile is served only once every hash it holds exists.
 */
import type { Kysely } from 'kysely';
import { TILE_WIDTH, formatEntryBundle, hashesAtTileLevel } from '../../domain/ledger/tiles.ts';
import type { HashTileAddress, TileAddress } from '../../domain/ledger/tiles.ts';
import type { Database } from '../../store/database.ts';
import { readTile } from '../../store/ledger-tree.ts';

const encoder = new TextEncoder();

/** True when a log of `size` entries has every hash (or entry) the tile holds. */
export function tileExists(tile: TileAddress, size: number): boolean {
  const available = tile.level === 'entries' ? size : hashesAtTileLevel(size, tile.level);
  return tile.index * TILE_WIDTH + tile.width <= available;
}

/** The bytes of a hash tile, or undefined when a stored hash is missing. */
export async function hashTileBytes(db: Kysely<Database>, tile: HashTileAddress): Promise<Uint8Array | undefined> {
  return readTile(db, tile);
}

/** An entry bundle: the leaf bytes (UTF-8 canonical JSON bodies) of its entries. */
export async function entryBundleBytes(db: Kysely<Database>, tile: TileAddress): Promise<Uint8Array | undefined> {
  const lo = tile.index * TILE_WIDTH;
  const rows = await db.selectFrom('ledger_entries').select(['idx', 'body']).where('idx', '>=', lo).where('idx', '<', lo + tile.width).orderBy('idx').execute();
  if (rows.length !== tile.width || rows.some((row, i) => row.idx !== lo + i)) return undefined;
  return formatEntryBundle(rows.map((row) => encoder.encode(row.body)));
}
