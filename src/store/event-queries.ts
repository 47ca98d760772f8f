/** Reads of handling events; every one is served by an index (DESIGN.md: Scale). */
import { sql } from 'kysely';
import type { Kysely, SqlBool } from 'kysely';
import type { AuditEvent } from '../domain/audit/index.ts';
import type { HandlingEvent } from '../domain/registry.ts';
import { addDays } from '../domain/time.ts';
import type { Database } from './database.ts';
import type { Engine } from './engine.ts';
import { readInChunks, readInLists } from './in-chunks.ts';
import { eventFromRow, toAction } from './rows.ts';

/** The columns of an event, in this order (eventFromArray). */
export const eventColumns = ['id', 'copy_id', 'product_id', 'actor_id', 'action', 'at', 'target_copy_id', 'detail', 'source', 'source_record_id'] as const;

/**
 * A product's events in pathway order (time, then ledger index), read as arrays: on SQLite one
 * range of the covering index events_product_pathway (0009), with no object per row but the event.
 */
export async function listEventsOfProduct(engine: Engine, productId: string, asOf?: string): Promise<HandlingEvent[]> {
  let query = engine.db.selectFrom('events').select(eventColumns).where('product_id', '=', productId);
  if (asOf) query = query.where('at', '<=', asOf);
  return (await engine.selectArrays(query.orderBy('at').orderBy('id').compile())).map(eventFromArray);
}

/** A row of eventColumns as an array; the database is not trusted to give the types it should. */
export function eventFromArray(row: readonly unknown[]): HandlingEvent {
  const [id, copyId, productId, actorId, action, at, targetCopyId, detail, source, sourceRecordId] = row;
  if (typeof id !== 'number' || typeof copyId !== 'string' || typeof productId !== 'string' || typeof actorId !== 'string' || typeof action !== 'string'
    || typeof at !== 'string' || (targetCopyId !== null && typeof targetCopyId !== 'string') || (detail !== null && typeof detail !== 'string')
    || typeof source !== 'string' || (sourceRecordId !== null && typeof sourceRecordId !== 'string')) {
    throw new Error(`stored event ${String(id)} has a column of the wrong type`);
  }
  return { id, copyId, productId, actorId, action: toAction(action), at, targetCopyId, detail, source, sourceRecordId };
}

/**
 * Source record ids already imported from `source`, among `ids` (idempotent re-import), read as
 * bound lists (readInLists). With the quarantine's lookup, 100,000
 * ids cost 269-290 ms of CPU on SQLite this way against 360-427 ms as `in` lists of 1,000
 * parameters; on PostgreSQL 0.57-0.74 s of wall time against 1.8-2.0 s.
 */
export async function existingSourceRecords(engine: Engine, db: Kysely<Database>, source: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await readInLists(engine, ids, (list) => db.selectFrom('events').select('source_record_id')
    .where('source', '=', source).where('source_record_id', 'in', list).execute());
  return new Set(rows.flatMap((row) => (row.source_record_id ? [row.source_record_id] : [])));
}

/** The columns the handling audit reads of an event (domain/audit AuditEvent), in this order. */
const auditColumns = ['id', 'copy_id', 'product_id', 'actor_id', 'action', 'at', 'target_copy_id', 'detail'] as const;

/** A row of auditColumns as the engine returns it, an array; the database is not trusted to give the types it should. */
function auditEventFromArray(row: readonly unknown[]): AuditEvent {
  const [id, copyId, productId, actorId, action, at, targetCopyId, detail] = row;
  if (typeof id !== 'number' || typeof copyId !== 'string' || typeof productId !== 'string' || typeof actorId !== 'string' || typeof action !== 'string'
    || typeof at !== 'string' || (targetCopyId !== null && typeof targetCopyId !== 'string') || (detail !== null && typeof detail !== 'string')) {
    throw new Error(`stored event ${String(id)} has a column of the wrong type`);
  }
  return { id, copyId, productId, actorId, action: toAction(action), at, targetCopyId, detail };
}

/**
 * Every event as of a time, in ledger-index order, a page at a time (keyset pagination on the
 * primary key), read as arrays (Engine.selectArrays): an audit over ten million events holds
 * one page, never the table. Pages are small enough to die young: 20,000-row pages outlived
 * V8's young generation and doubled the scan's CPU time in garbage collection.
 */
export async function* eventsInKeyOrder(engine: Engine, asOf: string, pageSize = 4_000): AsyncGenerator<AuditEvent[]> {
  let after = -1;
  for (;;) {
    const query = engine.db.selectFrom('events').select(auditColumns).where('id', '>', after).where('at', '<=', asOf).orderBy('id').limit(pageSize).compile();
    const rows = await engine.selectArrays(query);
    const last = rows.at(-1);
    if (last === undefined) return;
    const page = rows.map(auditEventFromArray);
    after = page.at(-1)?.id ?? after;
    yield page;
  }
}

/** The events of some products as of a time, a chunk of products at a time (the product index). */
export async function* eventsOfProducts(engine: Engine, productIds: readonly string[], asOf: string, chunk = 100): AsyncGenerator<AuditEvent[]> {
  for (let i = 0; i < productIds.length; i += chunk) {
    const query = engine.db.selectFrom('events').select(auditColumns).where('product_id', 'in', productIds.slice(i, i + chunk)).where('at', '<=', asOf).compile();
    yield (await engine.selectArrays(query)).map(auditEventFromArray);
  }
}

/** The query for one person's events of one UTC day (`YYYY-MM-DD`) up to `asOf`, in time order: one day's range of events_at_actor (0013). */
export function selectPersonDay(db: Kysely<Database>, personId: string, day: string, asOf: string) {
  const start = `${day}T00:00:00.000Z`;
  const end = addDays(start, 1);
  return db.selectFrom('events').select(eventColumns).where('at', '>=', start).where('at', '<', end).where('actor_id', '=', personId)
    .where('at', '<=', asOf).orderBy('at').orderBy('id');
}

/** One person's events of one UTC day up to `asOf`, in time order (selectPersonDay). */
export async function eventsOfPersonDay(db: Kysely<Database>, personId: string, day: string, asOf: string): Promise<HandlingEvent[]> {
  return (await selectPersonDay(db, personId, day, asOf).execute()).map(eventFromRow);
}

/**
 * The condition of the partial index events_actor_not_holder (0013), which a query must carry as
 * this very SQL for SQLite to use the index (sqlite.org/partialindex.html §2.2; a bound `= ?`
 * does not count).
 */
export const actorIsNotHolder = sql<SqlBool>`actor_is_holder = 0`;

/**
 * The query for the products some people acted on, up to `asOf`, through copies they do not hold
 * (a copy they hold is found by its recipient instead): the partial index events_actor_not_holder.
 */
export function selectActedOnOthersCopies(db: Kysely<Database>, personIds: readonly string[], asOf: string) {
  return db.selectFrom('events').select('product_id').distinct().where('actor_id', 'in', personIds).where(actorIsNotHolder).where('at', '<=', asOf);
}

/** The products some people acted on through copies they do not hold (selectActedOnOthersCopies), each once. */
export async function productsActedOnOthersCopies(db: Kysely<Database>, personIds: readonly string[], asOf: string): Promise<string[]> {
  const rows = await readInChunks(personIds, (ids) => selectActedOnOthersCopies(db, ids, asOf).execute());
  return [...new Set(rows.map((r) => r.product_id))];
}
