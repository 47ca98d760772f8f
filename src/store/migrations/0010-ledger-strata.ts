/**
 * 0010: ledger_tree keeps every fourth level of the tree (domain/ledger/strata.ts), not only the
 * tile levels 8, 16, …, so a proof reads about 16 rows per four levels in one statement instead
 * of whole tiles. The levels 4, 12, 20, … of the entries already written are computed here from
 * their stored leaf hashes, in batches; the rows already stored and the frontier are left as
 * they were (a tampered row is still found by `ledger verify`, not overwritten).
 */
import { sql } from 'kysely';
import { TILE_HEIGHT } from '../../domain/ledger/tiles.ts';
import type { Database } from '../database.ts';
import { addTreeLevelsFromEntries } from '../ledger-tree.ts';
import type { MigrationStep } from './step.ts';

/** The schema as a plain object type (withTables wants an index-compatible type, not an interface). */
type Tables = { [T in keyof Database]: Database[T] };

export const addLedgerStrata: MigrationStep = async (db, engine) => {
  const head = await sql<{ size: number }>`select size from ledger_head where id = 1`.execute(db);
  // A database whose tree 0002 built in this same run already has every stratum.
  const built = await sql<{ n: number | string }>`select count(*) as n from ledger_tree where level = ${TILE_HEIGHT / 2}`.execute(db);
  if (Number(built.rows[0]?.n ?? 0) > 0) return;
  // The migration runs inside the Migrator's transaction; the typed view is the same connection.
  await addTreeLevelsFromEntries(db.withTables<Tables>(), engine, Number(head.rows[0]?.size ?? 0), (level) => level % TILE_HEIGHT !== 0);
};
