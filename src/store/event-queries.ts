/** Reads of handling events; every one is served by an index (DESIGN.md: Scale). */
import type { Kysely } from 'kysely';
import type { AuditEvent } from '../domain/audit/index.ts';
import type { HandlingEvent } from '../domain/registry.ts';
import type { Database, EventTable } from './database.ts';
import { eventFromRow, toAction } from './rows.ts';

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

/** The columns the handling audit reads of an event (domain/audit AuditEvent). */
const auditColumns = ['id', 'copy_id', 'product_id', 'actor_id', 'action', 'at', 'target_copy_id', 'detail'] as const;

function auditEventFromRow(row: Pick<EventTable, (typeof auditColumns)[number]>): AuditEvent {
  return { id: row.id, copyId: row.copy_id, productId: row.product_id, actorId: row.actor_id, action: toAction(row.action), at: row.at, targetCopyId: row.target_copy_id, detail: row.detail };
}

/**
 * Every event as of a time, in ledger-index order, a page at a time (keyset pagination on the
 * primary key): an audit over ten million events holds one page, never the table.
 */
export async function* eventsInKeyOrder(db: Kysely<Database>, asOf: string, pageSize = 20_000): AsyncGenerator<AuditEvent[]> {
  let after = -1;
  for (;;) {
    const rows = await db.selectFrom('events').select(auditColumns).where('id', '>', after).where('at', '<=', asOf).orderBy('id').limit(pageSize).execute();
    const last = rows.at(-1);
    if (last === undefined) return;
    after = last.id;
    yield rows.map(auditEventFromRow);
  }
}

/** The events of some products as of a time, a chunk of products at a time (the product index). */
export async function* eventsOfProducts(db: Kysely<Database>, productIds: readonly string[], asOf: string, chunk = 200): AsyncGenerator<AuditEvent[]> {
  for (let i = 0; i < productIds.length; i += chunk) {
    const rows = await db.selectFrom('events').select(auditColumns).where('product_id', 'in', productIds.slice(i, i + chunk)).where('at', '<=', asOf).execute();
    yield rows.map(auditEventFromRow);
  }
}

/** One person's events of one UTC day (`YYYY-MM-DD`) up to `asOf`, in time order (the actor index). */
export async function eventsOfPersonDay(db: Kysely<Database>, personId: string, day: string, asOf: string): Promise<HandlingEvent[]> {
  const start = `${day}T00:00:00.000Z`;
  const end = new Date(Date.parse(start) + 86_400_000).toISOString();
  const rows = await db.selectFrom('events').selectAll().where('actor_id', '=', personId).where('at', '>=', start).where('at', '<', end)
    .where('at', '<=', asOf).orderBy('at').orderBy('id').execute();
  return rows.map(eventFromRow);
}
