/** Reads of handling events; every one is served by an index (DESIGN.md: Scale). */
import type { Kysely } from 'kysely';
import type { HandlingEvent } from '../domain/registry.ts';
import type { Database } from './database.ts';
import { eventFromRow } from './rows.ts';

export async function listEventsOfProduct(db: Kysely<Database>, productId: string, asOf?: string): Promise<HandlingEvent[]> {
  let query = db.selectFrom('events').selectAll().where('product_id', '=', productId);
  if (asOf) query = query.where('at', '<=', asOf);
  return (await query.orderBy('at').orderBy('id').execute()).map(eventFromRow);
}

/** Source record ids already imported from `source`, among `ids` (idempotent re-import). */
export async function existingSourceRecords(db: Kysely<Database>, source: string, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.selectFrom('events').select('source_record_id')
      .where('source', '=', source).where('source_record_id', 'in', ids.slice(i, i + 1000)).execute();
    for (const row of rows) if (row.source_record_id) found.add(row.source_record_id);
  }
  return found;
}
