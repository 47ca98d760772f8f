/** Queries for the checkpoints the log signed and the witnesses' cosignatures of them. */
import type { Kysely } from 'kysely';
import type { Database, LedgerCheckpointTable } from './database.ts';

/** The newest checkpoint the log signed (largest size), if any. */
export async function latestStoredCheckpoint(db: Kysely<Database>): Promise<LedgerCheckpointTable | undefined> {
  return db.selectFrom('ledger_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
}

/** The stored checkpoint of one size, if the log signed one. */
export async function storedCheckpointAt(db: Kysely<Database>, size: number): Promise<LedgerCheckpointTable | undefined> {
  return db.selectFrom('ledger_checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
}

/** Every stored checkpoint, smallest first (verification walks them alongside the entries). */
export async function allStoredCheckpoints(db: Kysely<Database>): Promise<LedgerCheckpointTable[]> {
  return db.selectFrom('ledger_checkpoints').selectAll().orderBy('size').execute();
}

/** Records a signed checkpoint; signing the same size again (the same note) changes nothing. */
export async function insertCheckpoint(db: Kysely<Database>, row: LedgerCheckpointTable): Promise<void> {
  await db.insertInto('ledger_checkpoints').values(row).onConflict((c) => c.column('size').doNothing()).execute();
}

/** The cosignature lines stored for a checkpoint size, by witness name. */
export async function cosignatureLines(db: Kysely<Database>, size: number): Promise<string[]> {
  const rows = await db.selectFrom('ledger_cosignatures').select('line').where('size', '=', size).orderBy('witness').execute();
  return rows.map((row) => row.line);
}

/** Stores (or replaces) a witness's cosignature of a checkpoint. */
export async function upsertCosignature(db: Kysely<Database>, row: { size: number; witness: string; line: string; cosigned_at: number }): Promise<void> {
  await db.insertInto('ledger_cosignatures').values(row)
    .onConflict((c) => c.columns(['size', 'witness']).doUpdateSet({ line: row.line, cosigned_at: row.cosigned_at })).execute();
}
