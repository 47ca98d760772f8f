/**
 * The handling events of one batch of entries: nearly every entry of a large log, so the part of
 * `ledger verify` worth running beside the rest (event-leaves-pool.ts runs it in worker threads,
 * each with its own connection; it needs nothing but the database).
 *
 * Each event row is read with the entry at its id, which is its ledger index
 * (store/event-append.ts), as arrays; the entry's body is compared with what the encoder that
 * wrote it (domain/event-leaf.ts) makes of the row. The batch's stored leaf hashes are read as
 * one value, with the count of its event entries (so none is left without its event) and their
 * indexes in the order aggregated (so the hashes are known to be in index order).
 */
import { sql } from 'kysely';
import { eventLeafBody } from '../../domain/event-leaf.ts';
import { HASH_SIZE, digestsEqual, leafHashOfTextInto } from '../../domain/ledger/hash.ts';
import type { Engine } from '../../store/engine.ts';
import { eventColumns, eventFromArray } from '../../store/event-queries.ts';

/** The event entries of a batch found intact: their leaf hashes in index order (32 bytes each), and the indexes that hold other entries. */
export interface EventLeaves {
  readonly leaves: Uint8Array<ArrayBuffer>;
  /** The indexes of the batch where no event entry is, in order: the other entries' places. */
  readonly gaps: readonly number[];
}

/** Checks the event entries of lo … hi-1, in the calling thread or a worker's. */
export type EventLeavesCheck = (lo: number, hi: number) => Promise<EventLeaves | undefined>;

/**
 * The event entries of lo … hi-1 and their leaf hashes, checked here; undefined when any byte
 * differs from what the events rebuild to. (event-leaves-in-database.ts checks them in the
 * database, where it can.)
 */
export async function checkEventLeaves(engine: Engine, lo: number, hi: number): Promise<EventLeaves | undefined> {
  const [events, stored] = await Promise.all([readEventsWithEntries(engine, lo, hi), readStoredLeaves(engine, lo, hi)]);
  if (stored === undefined || stored.count !== events.length) return undefined;
  const leaves = matchEvents(events);
  const ids = events.map((row) => Number(row[0]));
  if (leaves === undefined || stored.indexes !== ids.join(',') || !digestsEqual(leaves, stored.leafHashes)) return undefined;
  return { leaves, gaps: gapsBetween(ids, lo, hi) };
}

/** The events whose ids are lo … hi-1 that have an event entry at that index, in id order: arrays of eventColumns, then the entry's ref and body. */
function readEventsWithEntries(engine: Engine, lo: number, hi: number): Promise<unknown[][]> {
  return engine.selectArrays(engine.db.selectFrom('events as v')
    .innerJoin('ledger_entries as e', (join) => join.onRef('e.idx', '=', 'v.id').on('e.kind', '=', 'event.recorded'))
    .select([...eventColumns.map((column) => `v.${column}` as const), 'e.ref', 'e.body'])
    // The range on both sides lets PostgreSQL merge two index scans (3 ms a batch) instead of probing the entries' index per event (23 ms).
    .where('v.id', '>=', lo).where('v.id', '<', hi).where('e.idx', '>=', lo).where('e.idx', '<', hi)
    .orderBy('v.id').compile());
}

/**
 * The batch's event entries: their count, their indexes joined by commas and their stored leaf
 * hashes concatenated, both in the order aggregated. Aggregated over a subquery in index order,
 * which the primary key gives without a sort (an ORDER BY inside the aggregates made both
 * engines sort, at twice the cost); neither engine promises to keep it, but both aggregates see
 * the rows in one order, and the indexes show which.
 */
async function readStoredLeaves(engine: Engine, lo: number, hi: number): Promise<{ count: number; indexes: string; leafHashes: Uint8Array } | undefined> {
  const inOrder = engine.db.selectFrom('ledger_entries').select(['idx', 'leaf_hash'])
    .where('idx', '>=', lo).where('idx', '<', hi).where('kind', '=', 'event.recorded').orderBy('idx');
  const row = await engine.db.selectFrom(inOrder.as('batch'))
    .select([
      (eb) => eb.fn.countAll<number | string>().as('n'),
      sql<string | null>`string_agg(cast(idx as text), ',')`.as('indexes'),
      engine.concatenatedHex('leaf_hash').as('hex'),
    ])
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { count: Number(row.n), indexes: row.indexes ?? '', leafHashes: Buffer.from(row.hex ?? '', 'hex') };
}

/** The indexes of lo … hi-1 that are not among `ids` (in order, each in the range). */
export function gapsBetween(ids: readonly number[], lo: number, hi: number): number[] {
  const gaps: number[] = [];
  let idx = lo;
  for (const id of ids) {
    while (idx < id) gaps.push(idx++);
    idx = id + 1;
  }
  while (idx < hi) gaps.push(idx++);
  return gaps;
}

/** The leaf hashes of the events' entries, when each entry's ref and body are what its event rebuilds to; else undefined. */
function matchEvents(events: readonly unknown[][]): Uint8Array<ArrayBuffer> | undefined {
  const leaves = new Uint8Array(events.length * HASH_SIZE);
  for (let i = 0; i < events.length; i++) {
    const row = events[i]!;
    const body = eventText(row);
    if (body === undefined || row[eventColumns.length] !== `event:${Number(row[0])}` || row[eventColumns.length + 1] !== body) return undefined;
    leafHashOfTextInto(body, leaves, i * HASH_SIZE);
  }
  return leaves;
}

/** An event row's leaf text, or undefined when the row cannot be read as an event. */
function eventText(row: readonly unknown[]): string | undefined {
  try {
    return eventLeafBody(eventFromArray(row));
  } catch {
    return undefined;
  }
}
