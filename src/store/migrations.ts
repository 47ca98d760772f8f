/**
 * Schema migrations, run on both engines through Kysely's Migrator. Each migration is written
 * once, in its own file under migrations/; add a new one with the next number to the list.
 */
import { Migrator } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import { WaymarkError } from '../domain/errors.ts';
import type { Engine } from './engine.ts';
import { createRegistry } from './migrations/0001-registry.ts';
import { createCases } from './migrations/0004-cases.ts';
import { createFingerprints } from './migrations/0006-fingerprints.ts';
import { addCaseSalt } from './migrations/0007-case-salt.ts';
import { tagPlaintextTexts } from './migrations/0008-sealed-texts.ts';
import { addPathwayIndex } from './migrations/0009-pathway-index.ts';
import { createLedgerTree } from './migrations/0002-ledger-tree.ts';
import { createAccounts } from './migrations/0003-accounts.ts';
import { createAuditImport } from './migrations/0005-audit-import.ts';
import { addLedgerStrata } from './migrations/0010-ledger-strata.ts';
import { dropEventsCopyIndex } from './migrations/0011-events-copy-index.ts';
import { makeLedgerRefIndexPartial } from './migrations/0012-ledger-ref-index.ts';
import { replaceEventsActorIndex } from './migrations/0013-events-actor-indexes.ts';
import { addRegistryGeneration } from './migrations/0014-registry-generation.ts';
import type { MigrationStep } from './migrations/step.ts';

/** All migrations in order; names sort in the order they run. */
export const migrations: ReadonlyArray<readonly [name: string, step: MigrationStep]> = [
  ['0001-registry', createRegistry],
  ['0002-ledger-tree', createLedgerTree],
  ['0003-accounts', createAccounts],
  ['0004-cases', createCases],
  ['0005-audit-import', createAuditImport],
  ['0006-fingerprints', createFingerprints],
  ['0007-case-salt', addCaseSalt],
  ['0008-sealed-texts', tagPlaintextTexts],
  ['0009-pathway-index', addPathwayIndex],
  ['0010-ledger-strata', addLedgerStrata],
  ['0011-events-copy-index', dropEventsCopyIndex],
  ['0012-ledger-ref-index', makeLedgerRefIndexPartial],
  ['0013-events-actor-indexes', replaceEventsActorIndex],
  ['0014-registry-generation', addRegistryGeneration],
];

export async function migrate(engine: Engine): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: () => Promise.resolve(Object.fromEntries(migrations.map(([name, step]): [string, Migration] => [
      name, { up: (db) => step(db, engine) },
    ]))),
  };
  const { error } = await new Migrator({ db: engine.db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  if (error) throw new WaymarkError('MIGRATION_FAILED', `database migration failed: ${error instanceof Error ? error.message : 'unknown error'}`, { cause: error });
}
