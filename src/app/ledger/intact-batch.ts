/**
 * The fast path of `ledger verify` for one batch of entries, for a log that is intact. The
 * handling events, nearly every entry of a large log, are read as arrays with their entries and
 * checked in this thread or a worker's (event-leaves.ts); the few other entries, at the gaps
 * between the events' ids, are rebuilt by their kinds' rebuilders as on the slow path and
 * compared field by field, and with their stored leaf hashes.
 *
 * Anything unexpected (an entry missing, an event not at its own index, a record that cannot be
 * rebuilt, any byte that differs) returns undefined, and the caller checks the batch entry by
 * entry, which names the first entry that differs.
 */
import { HASH_SIZE, digestsEqual, leafHashOfTextInto } from '../../domain/ledger/hash.ts';
import type { Engine } from '../../store/engine.ts';
import { checkEventLeaves } from './event-leaves.ts';
import type { EventLeaves, EventLeavesCheck } from './event-leaves.ts';
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

/** An entry that is not a handling event, with its stored leaf hash. */
interface OtherEntry extends StoredEntry {
  readonly leafHash: Uint8Array;
}

/**
 * Checks entries lo … hi-1; undefined when anything differs or is not as the fast path expects.
 * `events` checks the batch's event entries (by default here, on the engine's connection).
 */
export async function checkIntactBatch(
  engine: Engine, rebuilders: ReadonlyMap<string, KindRebuilder>, open: Opener | undefined, lo: number, hi: number,
  events: EventLeavesCheck = (from, to) => checkEventLeaves(engine, from, to),
): Promise<IntactBatch | undefined> {
  const eventLeaves = await events(lo, hi);
  if (eventLeaves === undefined) return undefined;
  const others = await readOtherEntries(engine, eventLeaves.gaps);
  if (others === undefined) return undefined;
  const unchecked = new Map<string, number>();
  const rebuilt = await rebuildBatch(engine, rebuilders, others, open, unchecked);
  const leaves = mergeLeaves(lo, hi, eventLeaves, others, rebuilt);
  if (leaves === undefined) return undefined;
  const kinds = new Map<string, number>();
  for (const entry of others) kinds.set(entry.kind, (kinds.get(entry.kind) ?? 0) + 1);
  const eventCount = hi - lo - others.length;
  if (eventCount > 0) kinds.set('event.recorded', eventCount);
  return { leaves, kinds, unchecked };
}

/**
 * The entries at the indexes where no event entry is, in index order: none to read for a batch
 * of events only, else the other entries from the first gap to the last (one statement of one
 * shape: a list of the indexes would prepare a statement per length). Undefined when they are not
 * the gaps one for one, or a column is not as written (the slow path names it).
 */
async function readOtherEntries(engine: Engine, gaps: readonly number[]): Promise<OtherEntry[] | undefined> {
  const first = gaps[0];
  const last = gaps.at(-1);
  if (first === undefined || last === undefined) return [];
  const rows = await engine.selectArrays(engine.db.selectFrom('ledger_entries').select(['idx', 'kind', 'ref', 'body', 'leaf_hash'])
    .where('idx', '>=', first).where('idx', '<=', last).where('kind', '<>', 'event.recorded').orderBy('idx').compile());
  if (rows.length !== gaps.length) return undefined;
  const out: OtherEntry[] = [];
  for (const [i, [idx, kind, ref, body, leafHash]] of rows.entries()) {
    if (Number(idx) !== gaps[i] || typeof kind !== 'string' || typeof ref !== 'string' || typeof body !== 'string' || !(leafHash instanceof Uint8Array)) return undefined;
    out.push({ idx: Number(idx), kind, ref, body, leafHash });
  }
  return out;
}

/**
 * The batch's leaf hashes, position by position: the other entry stored at the index, each
 * compared with what its record rebuilds to, or else the next event entry. The others' indexes
 * must be the gaps between the events', one for one.
 */
function mergeLeaves(lo: number, hi: number, events: EventLeaves, others: readonly OtherEntry[], rebuilt: readonly Rebuilt[]): Uint8Array | undefined {
  const leaves = new Uint8Array((hi - lo) * HASH_SIZE);
  let e = 0;
  let o = 0;
  for (let idx = lo; idx < hi; idx++) {
    const at = (idx - lo) * HASH_SIZE;
    const other = others[o];
    if (idx === events.gaps[o]) {
      if (other === undefined || other.idx !== idx) return undefined;
      if (!isRebuiltAsStored(other, rebuilt[o++]!)) return undefined;
      leafHashOfTextInto(other.body, leaves, at);
      if (!digestsEqual(leaves.subarray(at, at + HASH_SIZE), other.leafHash)) return undefined;
    } else {
      leaves.set(events.leaves.subarray(e * HASH_SIZE, ++e * HASH_SIZE), at);
    }
  }
  return o === others.length && e * HASH_SIZE === events.leaves.length ? leaves : undefined;
}

function isRebuiltAsStored(stored: StoredEntry, again: Rebuilt): boolean {
  return again.ok && again.entry.kind === stored.kind && again.entry.ref === stored.ref && again.entry.body === stored.body;
}
