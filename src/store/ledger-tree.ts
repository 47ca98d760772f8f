/**
 * The ledger's Merkle tree in the database, on both engines alike. The store keeps only:
 *
 *   - level 0: ledger_entries.leaf_hash (written by the unit of work);
 *   - levels 8, 16, …: ledger_tree rows, the hashes C2SP tlog-tiles puts in tiles of level ≥ 1;
 *   - the frontier (the current tree's complete subtrees) in ledger_head.frontier.
 *
 * Every other hash is computed from the one tile that holds it, so a root or a proof at any
 * size reads O(log n) tiles (C2SP tlog-tiles "Merkle Tree"; golang.org/x/mod/sumdb/tlog).
 */
import type { Kysely } from 'kysely';
import { EMPTY_FRONTIER, appendLeafHashes } from '../domain/ledger/frontier.ts';
import type { Frontier } from '../domain/ledger/frontier.ts';
import { LedgerError } from '../domain/ledger/errors.ts';
import { HASH_SIZE } from '../domain/ledger/hash.ts';
import { TILE_HEIGHT, TILE_WIDTH, lookupFromTiles, tilePath, tilesForAddresses } from '../domain/ledger/tiles.ts';
import type { HashTileAddress } from '../domain/ledger/tiles.ts';
import { addressKey, rootPlan } from '../domain/ledger/tree-plan.ts';
import type { HashLookup, NodeAddress, StoredNode } from '../domain/ledger/tree-plan.ts';
import type { Database } from './database.ts';
import type { Engine } from './engine.ts';

/** Rows of ledger_tree written by one statement (3 parameters each, under both engines' limits). */
const TREE_INSERT_CHUNK = 5_000;
/** Leaf hashes read per statement when the tree is rebuilt from the entries. */
const REBUILD_BATCH = 50_000;

/** A view of bytes as a Buffer without copying, for the drivers. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The frontier as stored: its hashes concatenated in rootPlan(size) order. */
export function encodeFrontier(frontier: Frontier): Buffer {
  return Buffer.concat(frontier.nodes.map((node) => node.hash));
}

/** Reads back a stored frontier; its shape is fixed by the size (the binary digits of n). */
export function decodeFrontier(size: number, bytes: Uint8Array | null): Frontier {
  const plan = rootPlan(size);
  if (size === 0) return EMPTY_FRONTIER;
  if (bytes === null || bytes.length !== plan.length * HASH_SIZE) {
    throw new LedgerError('MISSING_HASH', `the stored frontier of size ${size} has ${bytes?.length ?? 0} bytes, not ${plan.length * HASH_SIZE}`);
  }
  const nodes = plan.map((address, i): StoredNode => ({ ...address, hash: bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE) }));
  return { size, nodes };
}

/** The head of the log: its size and frontier. */
export async function readHead(db: Kysely<Database>): Promise<Frontier> {
  const head = await db.selectFrom('ledger_head').select(['size', 'frontier']).where('id', '=', 1).executeTakeFirstOrThrow();
  return decodeFrontier(head.size, head.frontier);
}

/** True for the nodes ledger_tree keeps: tile levels above the leaves. */
export function isStoredLevel(level: number): boolean {
  return level > 0 && level % TILE_HEIGHT === 0;
}

/**
 * The append hook (registered in ledger-append-hook.ts): folds the unit's leaf hashes into the
 * frontier and writes the tile-level nodes they complete, in the unit's own transaction.
 */
export async function appendToTree(trx: Kysely<Database>, engine: Engine, firstIndex: number, leafHashes: readonly Uint8Array[]): Promise<void> {
  const frontier = await readHead(trx);
  if (frontier.size !== firstIndex) {
    throw new LedgerError('BAD_SIZE', `the ledger head is at ${frontier.size}, but entries were appended from ${firstIndex}`);
  }
  await appendAndStore(trx, engine, frontier, leafHashes);
}

async function appendAndStore(trx: Kysely<Database>, engine: Engine, frontier: Frontier, leafHashes: readonly Uint8Array[]): Promise<Frontier> {
  const result = appendLeafHashes(frontier, leafHashes);
  const rows = result.written.filter((node) => isStoredLevel(node.level))
    .map((node) => ({ level: node.level, idx: node.index, hash: asBuffer(node.hash) }));
  const chunk = Math.min(TREE_INSERT_CHUNK, Math.floor(engine.maxParameters / 3));
  for (let i = 0; i < rows.length; i += chunk) await trx.insertInto('ledger_tree').values(rows.slice(i, i + chunk)).execute();
  await trx.updateTable('ledger_head').set({ frontier: encodeFrontier(result.frontier) }).where('id', '=', 1).execute();
  return result.frontier;
}

/**
 * Builds the tree of the first `size` entries from their stored leaf hashes (the migration of
 * an older database, and the benchmark's bulk path), replacing any tree already stored.
 */
export async function rebuildTreeFromEntries(db: Kysely<Database>, engine: Engine, size: number): Promise<void> {
  await db.deleteFrom('ledger_tree').execute();
  let frontier = EMPTY_FRONTIER;
  while (frontier.size < size) {
    const rows = await db.selectFrom('ledger_entries').select(['idx', 'leaf_hash'])
      .where('idx', '>=', frontier.size).where('idx', '<', Math.min(size, frontier.size + REBUILD_BATCH))
      .orderBy('idx').execute();
    rows.forEach((row, i) => {
      if (row.idx !== frontier.size + i) throw new LedgerError('MISSING_HASH', `ledger entry ${frontier.size + i} is missing`);
    });
    if (rows.length === 0) throw new LedgerError('MISSING_HASH', `ledger entry ${frontier.size} is missing`);
    frontier = await appendAndStore(db, engine, frontier, rows.map((row) => row.leaf_hash));
  }
  await db.updateTable('ledger_head').set({ frontier: encodeFrontier(frontier) }).where('id', '=', 1).execute();
}

/** The first stored-hash index a tile holds and how many it holds. */
function tileRange(tile: HashTileAddress): { lo: number; hi: number } {
  const lo = tile.index * TILE_WIDTH;
  return { lo, hi: lo + tile.width };
}

/** Checks that rows are exactly the tile's hashes, in order; anything else reads as undefined. */
function tileFromRows(tile: HashTileAddress, rows: readonly { idx: number; hash: Buffer }[]): Uint8Array | undefined {
  const { lo } = tileRange(tile);
  if (rows.length !== tile.width || rows.some((row, i) => row.idx !== lo + i || row.hash.length !== HASH_SIZE)) return undefined;
  return Buffer.concat(rows.map((row) => row.hash));
}

/**
 * Reads one hash tile: the leaf hashes of its entries (level 0) or its ledger_tree rows. A
 * tile with a row missing reads as undefined, which the core reports as MISSING_HASH.
 */
export async function readTile(db: Kysely<Database>, tile: HashTileAddress): Promise<Uint8Array | undefined> {
  return (await readTiles(db, [tile])).get(tilePath(tile));
}

/**
 * Reads several tiles with at most two statements (one for level 0, one for ledger_tree):
 * a proof's few tiles cost two round trips on PostgreSQL, not one per tile.
 */
export async function readTiles(db: Kysely<Database>, tiles: readonly HashTileAddress[]): Promise<Map<string, Uint8Array | undefined>> {
  const out = new Map<string, Uint8Array | undefined>();
  const leaves = tiles.filter((tile) => tile.level === 0);
  const upper = tiles.filter((tile) => tile.level > 0);
  if (leaves.length > 0) {
    const rows = await db.selectFrom('ledger_entries').select(['idx', 'leaf_hash as hash'])
      .where((eb) => eb.or(leaves.map((tile) => eb.and([eb('idx', '>=', tileRange(tile).lo), eb('idx', '<', tileRange(tile).hi)]))))
      .orderBy('idx').execute();
    for (const tile of leaves) out.set(tilePath(tile), tileFromRows(tile, rows.filter((row) => row.idx >= tileRange(tile).lo && row.idx < tileRange(tile).hi)));
  }
  if (upper.length > 0) {
    const rows = await db.selectFrom('ledger_tree').select(['level', 'idx', 'hash'])
      .where((eb) => eb.or(upper.map((tile) => eb.and([eb('level', '=', tile.level * TILE_HEIGHT), eb('idx', '>=', tileRange(tile).lo), eb('idx', '<', tileRange(tile).hi)]))))
      .orderBy('level').orderBy('idx').execute();
    for (const tile of upper) {
      const { lo, hi } = tileRange(tile);
      out.set(tilePath(tile), tileFromRows(tile, rows.filter((row) => row.level === tile.level * TILE_HEIGHT && row.idx >= lo && row.idx < hi)));
    }
  }
  return out;
}

/** Computed hashes kept per database handle; bounded, since a server proves many entries. */
const MEMO_LIMIT = 100_000;
const memos = new WeakMap<object, Map<string, Uint8Array>>();

function memoFor(db: object): Map<string, Uint8Array> {
  let memo = memos.get(db);
  if (memo === undefined || memo.size > MEMO_LIMIT) {
    memo = new Map();
    memos.set(db, memo);
  }
  return memo;
}

/**
 * A synchronous lookup of every hash the addresses need in a tree of `size` leaves. Hashes come
 * from, in order: the frontier (when `size` is the frontier's, the subtrees at the right edge
 * are stored there); hashes computed before on this handle (a complete subtree's hash never
 * changes, RFC 9162 §2.1.1, so they may be kept); else the tiles that hold them, read once
 * (tilesForAddresses) and folded by lookupFromTiles.
 */
export async function lookupForAddresses(db: Kysely<Database>, size: number, addresses: readonly NodeAddress[], frontier?: Frontier): Promise<HashLookup> {
  const known = new Map<string, Uint8Array>(frontier?.size === size ? frontier.nodes.map((node) => [addressKey(node), node.hash]) : []);
  const memo = memoFor(db);
  const missing = addresses.filter((address) => !known.has(addressKey(address)) && !memo.has(addressKey(address)));
  const data = await readTiles(db, tilesForAddresses(missing, size));
  const fromTiles = lookupFromTiles(size, (tile) => data.get(tilePath(tile)));
  return (address) => {
    const key = addressKey(address);
    const hash = known.get(key) ?? memo.get(key) ?? fromTiles(address);
    if (hash !== undefined) memo.set(key, hash);
    return hash;
  };
}

/** The stored ledger_tree rows of one level in an index range, in order (verification). */
export async function readTreeLevel(db: Kysely<Database>, level: number, lo: number, hi: number): Promise<StoredNode[]> {
  const rows = await db.selectFrom('ledger_tree').select(['idx', 'hash']).where('level', '=', level)
    .where('idx', '>=', lo).where('idx', '<', hi).orderBy('idx').execute();
  return rows.map((row) => ({ level, index: row.idx, hash: row.hash }));
}
