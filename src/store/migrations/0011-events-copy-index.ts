/**
 * 0011: drops events_copy_at (copy_id, at). No query reads a copy's events by that index — a
 * copy's events are read with its product's (the pathway, an investigation), every event in
 * key order (the audit, `ledger verify`), or by actor (events_actor_at) — and copies are never
 * deleted, so no foreign-key check needs it either. Each handling event paid for it: one more
 * B-tree insert at a random place, which in a batch of a few hundred events dirties a page per
 * event at commit.
 */
import type { MigrationStep } from './step.ts';

export const dropEventsCopyIndex: MigrationStep = async (db) => {
  await db.schema.dropIndex('events_copy_at').ifExists().execute();
};
