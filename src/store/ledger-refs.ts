/**
 * Reading ledger entries by ref. The index ledger_entries_ref leaves out handling events (0012):
 * an event's entry is found by its id, which is its ledger index, so indexing `event:N` cost a
 * B-tree insert per event that no query read.
 */
import { sql } from 'kysely';
import type { Kysely, SqlBool } from 'kysely';
import type { Database } from './database.ts';

/**
 * The partial index's condition, which every query by ref must carry as this very SQL: SQLite
 * uses a partial index only when a term of the query's WHERE is the index's WHERE term itself
 * (sqlite.org/partialindex.html §2.2). A bound `kind <> ?`, or even `kind = 'case.opened'`, does
 * not count, and the query would scan every entry.
 */
export const indexedByRef = sql<SqlBool>`kind <> 'event.recorded'`;

/**
 * The query for the index of a case's case.opened entry (evidence packages; `ledger verify`
 * names it when a case's status does not match its log).
 */
export function selectCaseOpened(db: Kysely<Database>, caseId: string) {
  return db.selectFrom('ledger_entries').select('idx')
    .where('ref', '=', `case:${caseId}`).where('kind', '=', 'case.opened').where(indexedByRef);
}

/** The query for the entries whose ref is one of the copies' (`copy:<id>`), with their indexes. */
export function selectCopyEntries(db: Kysely<Database>, copyIds: readonly string[]) {
  return db.selectFrom('ledger_entries').select(['idx', 'ref'])
    .where('ref', 'in', copyIds.map((id) => `copy:${id}`)).where(indexedByRef);
}
