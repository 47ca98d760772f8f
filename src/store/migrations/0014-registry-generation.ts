/**
 * 0014: ledger_head.registry_generation, a counter every writing unit that adds registry records
 * (agencies, people, products, versions, copies) or rewrites them (key rotation) raises in its
 * own transaction. A process may keep the registry records it has read for as long as the
 * generation it read them at is current (app/registry-cache.ts): a batch of handling events then
 * reads one row, not its products, people and copies again. It sits in the head row because
 * every writing transaction reads that row already.
 */
import type { MigrationStep } from './step.ts';

export const addRegistryGeneration: MigrationStep = async (db) => {
  await db.schema.alterTable('ledger_head').addColumn('registry_generation', 'integer', (c) => c.notNull().defaultTo(0)).execute();
};
