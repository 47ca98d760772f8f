/**
 * The handling events of one batch of entries, checked as one text: nearly every entry of a
 * large log, so the part of `ledger verify` worth running beside the rest (event-leaves-pool.ts
 * runs it in worker threads, each with its own connection; it needs nothing but the database).
 *
 * The batch's `event.recorded` entries are read as one text (index, ref and body of each, in
 * index order) with their leaf hashes, and compared with the text their event rows rebuild to by
 * the encoder that wrote them (domain/event-leaf.ts): an event's id is its ledger index
 * (store/event-append.ts). The index travels in the text, so an entry can only match the event
 * whose id is its own index, whatever order an engine aggregates in.
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
 * Joins fields and entries. Rebuilt bodies are canonical JSON, which escapes every control
 * character, and rebuilt indexes and refs hold none: the stored text can equal the rebuilt one
 * only if it splits into the same fields (one more newline anywhere and the count differs).
 */
const SEPARATOR = '\n';

/** The event entries of lo … hi-1 and their leaf hashes; undefined when any byte differs from what the events rebuild to. */
export async function checkEventLeaves(engine: Engine, lo: number, hi: number): Promise<EventLeaves | undefined> {
  const [stored, events] = await Promise.all([readStoredEvents(engine, lo, hi), readEventRows(engine, lo, hi)]);
  if (stored === undefined || stored.count !== events.length) return undefined;
  const rebuilt = rebuildEvents(events);
  if (rebuilt === undefined || rebuilt.text !== stored.text || !digestsEqual(rebuilt.leaves, stored.leafHashes)) return undefined;
  return { leaves: rebuilt.leaves, gaps: gapsBetween(events, lo, hi) };
}

/** The indexes of lo … hi-1 that are no event's id (the ids come in order, each in the range). */
function gapsBetween(events: readonly unknown[][], lo: number, hi: number): number[] {
  const gaps: number[] = [];
  let idx = lo;
  for (const row of events) {
    const id = Number(row[0]);
    while (idx < id) gaps.push(idx++);
    idx = id + 1;
  }
  while (idx < hi) gaps.push(idx++);
  return gaps;
}

/**
 * The batch's event entries joined as one text, their count, and their stored leaf hashes
 * concatenated. Aggregated over a subquery in index order, which the primary key gives without a
 * sort (an ORDER BY inside the aggregates made both engines sort, at twice the cost); both
 * aggregates see the rows in the same order, and the indexes in the text show it was index order.
 */
async function readStoredEvents(engine: Engine, lo: number, hi: number): Promise<{ count: number; text: string; leafHashes: Uint8Array } | undefined> {
  const inOrder = engine.db.selectFrom('ledger_entries').select(['idx', 'ref', 'body', 'leaf_hash'])
    .where('idx', '>=', lo).where('idx', '<', hi).where('kind', '=', 'event.recorded').orderBy('idx');
  const row = await engine.db.selectFrom(inOrder.as('batch'))
    .select([
      (eb) => eb.fn.countAll<number | string>().as('n'),
      sql<string | null>`string_agg(cast(idx as text) || ${SEPARATOR} || ref || ${SEPARATOR} || body, ${SEPARATOR})`.as('text'),
      engine.concatenatedHex('leaf_hash').as('hex'),
    ])
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { count: Number(row.n), text: row.text ?? '', leafHashes: Buffer.from(row.hex ?? '', 'hex') };
}

/** The events whose ids are lo … hi-1, in id order, as arrays of eventColumns. */
function readEventRows(engine: Engine, lo: number, hi: number): Promise<unknown[][]> {
  return engine.selectArrays(engine.db.selectFrom('events').select(eventColumns).where('id', '>=', lo).where('id', '<', hi).orderBy('id').compile());
}

/** The text the events rebuild to, and their leaf hashes; undefined when a row cannot be read as an event. */
function rebuildEvents(events: readonly unknown[][]): { text: string; leaves: Uint8Array<ArrayBuffer> } | undefined {
  const parts = new Array<string>(events.length);
  const leaves = new Uint8Array(events.length * HASH_SIZE);
  for (let i = 0; i < events.length; i++) {
    const row = events[i]!;
    const body = eventText(row);
    if (body === undefined) return undefined;
    parts[i] = `${Number(row[0])}${SEPARATOR}event:${Number(row[0])}${SEPARATOR}${body}`;
    leafHashOfTextInto(body, leaves, i * HASH_SIZE);
  }
  return { text: parts.join(SEPARATOR), leaves };
}

/** An event row's leaf text, or undefined when the row cannot be read as an event. */
function eventText(row: readonly unknown[]): string | undefined {
  try {
    return eventLeafBody(eventFromArray(row));
  } catch {
    return undefined;
  }
}
