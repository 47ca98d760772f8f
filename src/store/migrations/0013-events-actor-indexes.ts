/**
 * 0013: replaces events_actor_at (actor_id, at) with two indexes that cost a handling event
 * almost nothing to keep.
 *
 * events_actor_at had two readers: a burst day's accesses (one person, one UTC day) and the
 * products one agency's people acted on without holding a copy. Its key starts with the actor,
 * so a batch of events lands on as many leaf pages as it names people: measured on SQLite, a
 * batch of 500 API events on 1,000 people wrote 782 WAL pages with it and 409 without it, and
 * every page is written at commit.
 *
 * - events_at_actor (at, actor_id): a day's events are one range of it, filtered by actor in the
 *   index. Events arrive roughly in time order, so its inserts land on a few pages at its end
 *   (+67 pages a batch in the same measurement).
 * - events_actor_not_holder (actor_id, product_id), partial: only events whose actor is not the
 *   copy's recipient (a colleague opening someone's copy on a shared drive, an account acting
 *   on another's file), which are few. Every other product an agency's people acted on, they
 *   hold a copy of, and copies_recipient finds those. The index and its query share one
 *   condition (store/event-queries.ts actorIsNotHolder), which SQLite needs as literal SQL.
 *
 * `actor_is_holder` is derived (the copy's recipient never changes) and not part of the event's
 * ledger leaf. Existing rows are filled in from `copies`.
 */
import { sql } from 'kysely';
import { actorIsNotHolder } from '../event-queries.ts';
import type { MigrationStep } from './step.ts';

export const replaceEventsActorIndex: MigrationStep = async (db) => {
  await db.schema.alterTable('events').addColumn('actor_is_holder', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await sql`update events set actor_is_holder = 0
    where actor_id <> (select c.recipient_id from copies c where c.id = events.copy_id)`.execute(db);
  await db.schema.dropIndex('events_actor_at').ifExists().execute();
  await db.schema.createIndex('events_at_actor').on('events').columns(['at', 'actor_id']).execute();
  await db.schema.createIndex('events_actor_not_holder').on('events').columns(['actor_id', 'product_id'])
    .where(actorIsNotHolder).execute();
};
