/**
 * 0012: ledger_entries_ref leaves out handling events' entries (kind 'event.recorded'). Nothing
 * reads an `event:N` ref by ref — an event's id is its ledger index (store/event-append.ts) — yet
 * every handling event paid for one more index entry. The readers by ref (store/ledger-refs.ts)
 * carry the index's condition as literal SQL.
 *
 * The saving is small: `event:N` refs of one digit count sort in index order, so that insert
 * always landed on the same hot leaf page (unlike 0011's events_copy_at, a random insert). In
 * isolation it was about 4% of a ledger_entries insert on SQLite; the benches, on a machine at
 * load 6-11, showed no change in CPU per event beyond their noise. The index also no longer grows
 * with the events: it holds the registry's, cases' and quarantine's entries only.
 */
import { indexedByRef } from '../ledger-refs.ts';
import type { MigrationStep } from './step.ts';

export const makeLedgerRefIndexPartial: MigrationStep = async (db) => {
  await db.schema.dropIndex('ledger_entries_ref').ifExists().execute();
  await db.schema.createIndex('ledger_entries_ref').on('ledger_entries').column('ref').where(indexedByRef).execute();
};
