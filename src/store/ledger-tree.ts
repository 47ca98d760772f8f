/**
 * The ledger's Merkle tree in the database, on both engines alike. The store keeps only:
 *
 *   - level 0: ledger_entries.leaf_hash (written by the unit of work);
 *   - levels 4, 8, 12, …: ledger_tree rows, every fourth level (domain/ledger/strata.ts); levels
 *     8·L are the hashes C2SP tlog-tiles puts in tiles of level L ≥ 1;
 *   - the frontier (the current tree's complete subtrees) in ledger_head.frontier.
 *
 * Any other hash is folded from at most 8 stored hashes of the stratum below it, so a root or a
 * proof at any size reads about 16 rows per stratum, in one statement (readStrata).
 */
import { CompiledQuery, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { EMPTY_FRONTIER, appendLeafHashes } from '../domain/ledger/frontier.ts';
import type { Frontier } from '../domain/ledger/frontier.ts';
import { LedgerError } from '../domain/ledger/errors.ts';
import { HASH_SIZE } from '../domain/ledger/hash.ts';
import { isStratumLevel, lookupFromStrata, rangesForAddresses } from '../domain/ledger/strata.ts';
import type { HashRange, StratumRow } from '../domain/ledger/strata.ts';
import { TILE_HEIGHT, TILE_WIDTH, tilePath } from '../domain/ledger/tiles.ts';
import type { HashTileAddress } from '../domain/ledger/tiles.ts';
import { rootPlan } from '../domain/ledger/tree-plan.ts';
import type { HashLookup, NodeAddress, StoredNode } from '../domain/ledger/tree-plan.ts';
import type { Database } from './database.ts';
import type { Engine } from './engine.ts';

/** Rows of ledger_tree handed to the engine's insert path at once. */
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

/** True for the nodes ledger_tree keeps: the strata above the leaves (4, 8, 12, …). */
export function isStoredLevel(level: number): boolean {
  return level > 0 && isStratumLevel(level);
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
  await insertTreeRows(trx, engine, result.written.filter((node) => isStoredLevel(node.level)));
  await trx.updateTable('ledger_head').set({ frontier: encodeFrontier(result.frontier) }).where('id', '=', 1).execute();
  return result.frontier;
}

/** Writes tree rows by the engine's fastest insert path (one cached statement per row on SQLite, one JSON document on PostgreSQL). */
async function insertTreeRows(db: Kysely<Database>, engine: Engine, nodes: readonly StoredNode[]): Promise<void> {
  const rows = nodes.map((node) => ({ level: node.level, idx: node.index, hash: asBuffer(node.hash) }));
  for (let i = 0; i < rows.length; i += TREE_INSERT_CHUNK) await engine.insertRows(db, 'ledger_tree', rows.slice(i, i + TREE_INSERT_CHUNK));
}

/** Folds the stored leaf hashes of the first `size` entries in batches, handing each batch's completed nodes on. */
async function foldEntries(db: Kysely<Database>, size: number, completed: (nodes: readonly StoredNode[]) => Promise<void>): Promise<Frontier> {
  let frontier = EMPTY_FRONTIER;
  while (frontier.size < size) {
    const rows = await db.selectFrom('ledger_entries').select(['idx', 'leaf_hash'])
      .where('idx', '>=', frontier.size).where('idx', '<', Math.min(size, frontier.size + REBUILD_BATCH))
      .orderBy('idx').execute();
    rows.forEach((row, i) => {
      if (row.idx !== frontier.size + i) throw new LedgerError('MISSING_HASH', `ledger entry ${frontier.size + i} is missing`);
    });
    if (rows.length === 0) throw new LedgerError('MISSING_HASH', `ledger entry ${frontier.size} is missing`);
    const result = appendLeafHashes(frontier, rows.map((row) => row.leaf_hash));
    await completed(result.written);
    frontier = result.frontier;
  }
  return frontier;
}

/**
 * Builds the tree of the first `size` entries from their stored leaf hashes (the benchmark's
 * bulk path, and tests that rewrite history), replacing any tree already stored.
 */
export async function rebuildTreeFromEntries(db: Kysely<Database>, engine: Engine, size: number): Promise<void> {
  await db.deleteFrom('ledger_tree').execute();
  const frontier = await foldEntries(db, size, (nodes) => insertTreeRows(db, engine, nodes.filter((node) => isStoredLevel(node.level))));
  await db.updateTable('ledger_head').set({ frontier: encodeFrontier(frontier) }).where('id', '=', 1).execute();
}

/**
 * Adds the stored levels a schema upgrade introduced (`levels`), computed from the leaf hashes
 * of the first `size` entries; the rows already stored and the frontier are left as they are,
 * so a tampered row is still found by `ledger verify` afterwards rather than overwritten.
 */
export async function addTreeLevelsFromEntries(db: Kysely<Database>, engine: Engine, size: number, levels: (level: number) => boolean): Promise<void> {
  await foldEntries(db, size, (nodes) => insertTreeRows(db, engine, nodes.filter((node) => isStoredLevel(node.level) && levels(node.level))));
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

/**
 * Reads the stored hashes of several ranges in one statement: the leaf hashes of level 0 from
 * ledger_entries, the other strata from ledger_tree (one round trip on PostgreSQL), and the
 * log's current size with them. Written as SQL text rather than with the query builder: it is
 * the whole cost of a proof, and building a few dozen conditions node by node cost as much as
 * running them.
 */
export async function readStrataAndSize(db: Kysely<Database>, ranges: readonly HashRange[]): Promise<{ size: number; rows: StratumRow[] }> {
  const leaves = ranges.filter((range) => range.level === 0).map((range) => sql`(idx >= ${range.lo} and idx < ${range.hi})`);
  const upper = ranges.filter((range) => range.level > 0).map((range) => sql`(level = ${range.level} and idx >= ${range.lo} and idx < ${range.hi})`);
  const parts = [
    ...(leaves.length === 0 ? [] : [sql`select 0 as level, idx, leaf_hash as hash from ledger_entries where ${sql.join(leaves, sql` or `)}`]),
    ...(upper.length === 0 ? [] : [sql`select level, idx, hash from ledger_tree where ${sql.join(upper, sql` or `)}`]),
    // The head travels as a row of level -1: its size in idx.
    sql`select -1 as level, size as idx, frontier as hash from ledger_head where id = 1`,
  ];
  const { rows } = await sql<{ level: number; idx: number; hash: Uint8Array | null }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return strataAndSize(rows.map((row) => [row.level, row.idx, row.hash]));
}

/** The rows of a strata read, (level, index, hash) each, as hashes and the log's size (the row of level -1). */
function strataAndSize(rows: Iterable<readonly unknown[]>): { size: number; rows: StratumRow[] } {
  let size = 0;
  const out: StratumRow[] = [];
  for (const [level, idx, hash] of rows) {
    if (Number(level) < 0) size = Number(idx);
    else if (hash instanceof Uint8Array) out.push({ level: Number(level), index: Number(idx), hash });
  }
  return { size, rows: out };
}

/**
 * PostgreSQL's form of readStrataAndSize: the ranges travel as arrays, so the text never changes
 * and the statement is prepared once per connection and planned once (the OR form is planned
 * again for every proof, which cost as much as running it). Each range is one index range scan.
 */
const STRATA_BY_ARRAYS = `select 0 as level, e.idx, e.leaf_hash as hash
  from unnest($1::int8[], $2::int8[]) r(lo, hi) cross join lateral (select idx, leaf_hash from ledger_entries where idx >= r.lo and idx < r.hi) e
union all select t.level, t.idx, t.hash
  from unnest($3::int4[], $4::int8[], $5::int8[]) r(level, lo, hi) cross join lateral (select level, idx, hash from ledger_tree where level = r.level and idx >= r.lo and idx < r.hi) t
union all select -1, size, frontier from ledger_head where id = 1`;

/**
 * readStrataAndSize outside any transaction, by a statement the engine keeps prepared: on
 * PostgreSQL STRATA_BY_ARRAYS through the engine's array reads (no row objects, no query
 * builder), which halves a proof's time; on SQLite readStrataAndSize itself, whose statement is
 * prepared once per text.
 */
export async function readStrataAndSizePrepared(engine: Engine, ranges: readonly HashRange[]): Promise<{ size: number; rows: StratumRow[] }> {
  if (engine.name !== 'postgres') return readStrataAndSize(engine.db, ranges);
  const leaves = ranges.filter((range) => range.level === 0);
  const upper = ranges.filter((range) => range.level > 0);
  const parameters = [
    leaves.map((range) => range.lo), leaves.map((range) => range.hi),
    upper.map((range) => range.level), upper.map((range) => range.lo), upper.map((range) => range.hi),
  ];
  return strataAndSize(await engine.selectArrays(CompiledQuery.raw(STRATA_BY_ARRAYS, parameters), 'waymark_strata'));
}

/** The stored hashes of several ranges (readStrataAndSize without the size). */
export async function readStrata(db: Kysely<Database>, ranges: readonly HashRange[]): Promise<StratumRow[]> {
  return (await readStrataAndSize(db, ranges)).rows;
}

/**
 * A synchronous lookup of every hash the addresses need in the stored tree, and the log's size
 * when they were read: the strata rows they are folded from, read at once (readStrataAndSize).
 * Every address must be a complete subtree of the tree being proved; a hash missing from the
 * store reads as undefined (MISSING_HASH).
 */
export async function lookupWithSize(db: Kysely<Database>, addresses: readonly NodeAddress[]): Promise<{ size: number; lookup: HashLookup }> {
  const { size, rows } = await readStrataAndSize(db, rangesForAddresses(addresses));
  return { size, lookup: lookupFromStrata(rows) };
}

/** lookupWithSize outside any transaction, by the engine's prepared read (readStrataAndSizePrepared). */
export async function lookupWithSizePrepared(engine: Engine, addresses: readonly NodeAddress[]): Promise<{ size: number; lookup: HashLookup }> {
  const { size, rows } = await readStrataAndSizePrepared(engine, rangesForAddresses(addresses));
  return { size, lookup: lookupFromStrata(rows) };
}

/** lookupWithSize without the size. */
export async function lookupForAddresses(db: Kysely<Database>, addresses: readonly NodeAddress[]): Promise<HashLookup> {
  return (await lookupWithSize(db, addresses)).lookup;
}

/** The stored ledger_tree rows of one level in an index range, in order (verification). */
export async function readTreeLevel(db: Kysely<Database>, level: number, lo: number, hi: number): Promise<StoredNode[]> {
  const rows = await db.selectFrom('ledger_tree').select(['idx', 'hash']).where('level', '=', level)
    .where('idx', '>=', lo).where('idx', '<', hi).orderBy('idx').execute();
  return rows.map((row) => ({ level, index: row.idx, hash: row.hash }));
}
