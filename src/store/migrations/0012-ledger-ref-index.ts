/**
 * 0012: ledger_entries_ref leaves out handling events' entries (kind 'event.recorded'). Nothing
 * reads an `event:N` ref by ref — an event's id is its ledger index (store/event-append.ts) — yet
 * every handling event paid for one more B-tree insert, at a random place in the index of text
 * refs. The readers by ref (store/ledger-refs.ts) carry the index's condition as literal SQL.
 */
import { indexedByRef } from '../ledger-refs.ts';
import type { MigrationStep } from './step.ts';

export const makeLedgerRefIndexPartial: MigrationStep = async (db) => {
  await db.schema.dropIndex('ledger_entries_ref').ifExists().execute();
  await db.schema.createIndex('ledger_entries_ref').on('ledger_entries').column('ref').where(indexedByRef).execute();
};
