/**
 * The fast path of `ledger verify` for one batch of entries, for a log that is intact: instead
 * of an object per entry, the batch's stored entries are read as one text (kind, ref and body of
 * each, in index order) with their leaf hashes, and compared with the text rebuilt from the
 * records in one string comparison.
 *
 * Handling events, nearly every entry of a large log, are rebuilt from their rows read as arrays
 * by the encoder that wrote them (domain/event-leaf.ts): an event's id is its ledger index
 * (store/event-append.ts). The few other entries are read one by one and rebuilt by their kinds'
 * rebuilders, as on the slow path.
 *
 * Anything unexpected (an entry missing, an event not at its own index, a record that cannot be
 * rebuilt, any byte that differs) returns undefined, and the caller checks the batch entry by
 * entry, which names the first entry that differs.
 */
import { sql } from 'kysely';
import { eventLeafBody } from '../../domain/event-leaf.ts';
import { HASH_SIZE, digestsEqual, leafHashOfTextInto } from '../../domain/ledger/hash.ts';
import type { Engine } from '../../store/engine.ts';
import { eventColumns, eventFromArray } from '../../store/event-queries.ts';
import { rebuildBatch } from './rebuild-entries.ts';
import type { KindRebuilder, Opener, Rebuilt, StoredEntry } from './rebuild-entries.ts';

/** A batch found intact: its leaf hashes and what was counted while checking it. */
export interface IntactBatch {
  /** The entries' leaf hashes, 32 bytes each: recomputed, and equal to the stored ones. */
  readonly leaves: Uint8Array;
  /** Entries by kind. */
  readonly kinds: ReadonlyMap<string, number>;
  /** Entries, by kind, whose commitments to sealed texts were taken from the stored body (no data key). */
  readonly unchecked: ReadonlyMap<string, number>;
}

/**
 * Joins fields and entries. Rebuilt bodies are canonical JSON, which escapes every control
 * character; rebuilt kinds and refs are checked to hold none. The stored text can then equal
 * the rebuilt one only if it splits into the same fields: one more newline anywhere and the
 * count of newlines differs.
 */
const SEPARATOR = '\n';

/** Checks entries lo … hi-1 as one text; undefined when anything differs or is not as the fast path expects. */
export async function checkIntactBatch(
  engine: Engine, rebuilders: ReadonlyMap<string, KindRebuilder>, open: Opener | undefined, lo: number, hi: number,
): Promise<IntactBatch | undefined> {
  const [stored, events, others] = await Promise.all([readBatchText(engine, lo, hi), readEventRows(engine, lo, hi), readOtherEntries(engine, lo, hi)]);
  if (stored === undefined || others === undefined || stored.count !== hi - lo) return undefined;
  const unchecked = new Map<string, number>();
  const rebuilt = await rebuildBatch(engine, rebuilders, others, open, unchecked);
  const rebuiltText = rebuildText(lo, hi, events, others, rebuilt);
  if (rebuiltText === undefined || rebuiltText.text !== stored.text || !digestsEqual(rebuiltText.leaves, stored.leafHashes)) return undefined;
  return { leaves: rebuiltText.leaves, kinds: rebuiltText.kinds, unchecked };
}

/**
 * The batch's entries joined as one text, their count, and their stored leaf hashes concatenated.
 * Aggregated over a subquery in index order, which the primary key gives without a sort (an
 * ORDER BY inside the aggregates made both engines sort, at twice the cost). Neither engine
 * promises to aggregate in that order, but an entry out of place only sends the batch to the
 * slow path, never past it.
 */
async function readBatchText(engine: Engine, lo: number, hi: number): Promise<{ count: number; text: string; leafHashes: Uint8Array } | undefined> {
  const inOrder = engine.db.selectFrom('ledger_entries').select(['kind', 'ref', 'body', 'leaf_hash']).where('idx', '>=', lo).where('idx', '<', hi).orderBy('idx');
  const row = await engine.db.selectFrom(inOrder.as('batch'))
    .select([
      (eb) => eb.fn.countAll<number | string>().as('n'),
      sql<string | null>`string_agg(kind || ${SEPARATOR} || ref || ${SEPARATOR} || body, ${SEPARATOR})`.as('text'),
      engine.concatenatedHex('leaf_hash').as('hex'),
    ])
    .executeTakeFirst();
  if (row === undefined || typeof row.text !== 'string') return undefined;
  return { count: Number(row.n), text: row.text, leafHashes: Buffer.from(row.hex ?? '', 'hex') };
}

/** The events whose ids are lo … hi-1, in id order, as arrays of eventColumns. */
function readEventRows(engine: Engine, lo: number, hi: number): Promise<unknown[][]> {
  return engine.selectArrays(engine.db.selectFrom('events').select(eventColumns).where('id', '>=', lo).where('id', '<', hi).orderBy('id').compile());
}

/** The entries of lo … hi-1 that are not handling events, in index order; undefined when a column is not text (the slow path names it). */
async function readOtherEntries(engine: Engine, lo: number, hi: number): Promise<StoredEntry[] | undefined> {
  const rows = await engine.selectArrays(engine.db.selectFrom('ledger_entries').select(['idx', 'kind', 'ref', 'body'])
    .where('idx', '>=', lo).where('idx', '<', hi).where('kind', '<>', 'event.recorded').orderBy('idx').compile());
  const out: StoredEntry[] = [];
  for (const [idx, kind, ref, body] of rows) {
    if (typeof kind !== 'string' || typeof ref !== 'string' || typeof body !== 'string') return undefined;
    out.push({ idx: Number(idx), kind, ref, body });
  }
  return out;
}

/**
 * The text the batch's entries rebuild to, position by position: the other entry stored at the
 * index, or else the event whose id it is. Leaf hashes are computed as it goes.
 */
function rebuildText(lo: number, hi: number, events: readonly unknown[][], others: readonly StoredEntry[], rebuilt: readonly Rebuilt[]):
  { text: string; leaves: Uint8Array; kinds: Map<string, number> } | undefined {
  const parts = new Array<string>(hi - lo);
  const leaves = new Uint8Array((hi - lo) * HASH_SIZE);
  const kinds = new Map<string, number>();
  let e = 0;
  let o = 0;
  for (let idx = lo; idx < hi; idx++) {
    const at = idx - lo;
    let body: string;
    if (o < others.length && others[o]!.idx === idx) {
      const again = rebuilt[o++]!;
      if (!again.ok || again.entry.kind.includes(SEPARATOR) || again.entry.ref.includes(SEPARATOR)) return undefined;
      body = again.entry.body;
      parts[at] = `${again.entry.kind}${SEPARATOR}${again.entry.ref}${SEPARATOR}${body}`;
      kinds.set(again.entry.kind, (kinds.get(again.entry.kind) ?? 0) + 1);
    } else if (e < events.length && Number(events[e]![0]) === idx) {
      const text = eventText(events[e++]!);
      if (text === undefined) return undefined;
      body = text;
      parts[at] = `event.recorded${SEPARATOR}event:${idx}${SEPARATOR}${body}`;
    } else {
      return undefined;
    }
    leafHashOfTextInto(body, leaves, at * HASH_SIZE);
  }
  // An event left over shares its index with another entry.
  if (e !== events.length || o !== others.length) return undefined;
  if (e > 0) kinds.set('event.recorded', e);
  return { text: parts.join(SEPARATOR), leaves, kinds };
}

/** An event row's leaf text, or undefined when the row cannot be read as an event. */
function eventText(row: readonly unknown[]): string | undefined {
  try {
    return eventLeafBody(eventFromArray(row));
  } catch {
    return undefined;
  }
}
