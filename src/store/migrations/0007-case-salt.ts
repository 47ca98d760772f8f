/**
 * 0007: each case's own secret salt for the commitments to its notes and bulletins. The leak's
 * digest was used before, but a published leak is public, so a short note could be confirmed
 * by guessing; cases opened before this migration keep that salt ('' here means "use it").
 */
import type { MigrationStep } from './step.ts';

export const addCaseSalt: MigrationStep = async (db) => {
  await db.schema.alterTable('cases').addColumn('salt', 'text', (c) => c.notNull().defaultTo('')).execute();
};
