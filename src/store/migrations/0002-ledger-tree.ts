/**
 * 0002: the ledger's Merkle tree and its signed checkpoints.
 *
 * - ledger_head.frontier: the hashes of the complete subtrees that make up the current tree
 *   (≤ 64 of them, rootPlan order), so an append reads one row instead of a path.
 * - ledger_tree: stored hashes at tile levels only (tree levels 8, 16, …; C2SP tlog-tiles),
 *   level 0 being ledger_entries.leaf_hash. Every other node is computed from one tile.
 * - ledger_checkpoints / ledger_cosignatures: every checkpoint the log signed, and the
 *   cosignature/v1 lines witnesses returned for it.
 *
 * A database that already holds entries gets its tree built here, in batches.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationStep } from './step.ts';
import type { Database } from '../database.ts';
import type { Engine } from '../engine.ts';
import { rebuildTreeFromEntries } from '../ledger-tree.ts';

/** The schema as a plain object type (withTables wants an index-compatible type, not an interface). */
type Tables = { [T in keyof Database]: Database[T] };

export const createLedgerTree: MigrationStep = async (db, engine) => {
  await db.schema.alterTable('ledger_head').addColumn('frontier', engine.bytesType).execute();
  await db.schema.createTable('ledger_tree')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', engine.bigintType, (c) => c.notNull())
    .addColumn('hash', engine.bytesType, (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_tree_pk', ['level', 'idx']).execute();
  await db.schema.createTable('ledger_checkpoints')
    .addColumn('size', engine.bigintType, (c) => c.primaryKey())
    .addColumn('root', engine.bytesType, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull()).execute();
  await db.schema.createTable('ledger_cosignatures')
    .addColumn('size', engine.bigintType, (c) => c.notNull().references('ledger_checkpoints.size'))
    .addColumn('witness', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('cosigned_at', engine.bigintType, (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_cosignatures_pk', ['size', 'witness']).execute();
  await backfill(db, engine);
};

/** Builds the tree of entries written before this migration (none on a new database). */
async function backfill(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const head = await sql<{ size: number }>`select size from ledger_head where id = 1`.execute(db);
  const size = Number(head.rows[0]?.size ?? 0);
  // The migration runs inside the Migrator's transaction; the typed view is the same connection.
  await rebuildTreeFromEntries(db.withTables<Tables>(), engine, size);
}
