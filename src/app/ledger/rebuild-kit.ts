/**
 * What the rebuilders of ledger entries share (rebuild-entries.ts): the stored entry, the
 * context a kind's rebuilder is handed per batch, and the reads they all make.
 */
import type { Kysely } from 'kysely';
import type { Entry } from '../../domain/entries.ts';
import type { Database } from '../../store/database.ts';
import type { Engine } from '../../store/engine.ts';
import { readInChunks } from '../../store/in-chunks.ts';
import type { SealedText } from '../sealed-texts.ts';

/** One stored ledger entry as verification reads it. */
export interface StoredEntry {
  readonly idx: number;
  readonly kind: string;
  readonly ref: string;
  readonly body: string;
}

/** An entry with its body as leaf text: the RFC 8785 canonical JSON the ledger stores. */
export interface EntryText {
  readonly kind: string;
  readonly ref: string;
  readonly body: string;
}

/** What an entry rebuilds to: the entry as text, or why it cannot be rebuilt. */
export type Rebuilt = { readonly ok: true; readonly entry: EntryText } | { readonly ok: false; readonly problem: string };

/** Sealed texts and secrets opened with the data key (app/sealed-texts.ts, app/secrets.ts). */
export interface Opener {
  text(text: SealedText, stored: string): string;
  secret(sealed: string, aad: string): string;
}

/** An entry of the batch being rebuilt, with its position in the batch. */
export interface Pending {
  readonly at: number;
  readonly entry: StoredEntry;
}

/** What a kind's rebuilder is handed for one batch. */
export interface RebuildContext {
  readonly db: Kysely<Database>;
  /** For reads of many rows as arrays (Engine.selectArrays). */
  readonly engine: Engine;
  /** Opens sealed texts; undefined when no data key is present (commitments are then taken from the stored body). */
  readonly open: Opener | undefined;
  /** Sets what the entry at a batch position rebuilds to; an error thrown by `build` becomes its problem. */
  put(at: number, build: () => Entry): void;
  /** put for a kind whose leaf text is written directly (domain/event-leaf.ts), not through canonicalJson. */
  putText(at: number, build: () => EntryText): void;
  /** Records that an entry's commitment to a sealed text was taken from its stored body (no data key). */
  unchecked(kind: string): void;
}

/** Records that each have exactly one entry of a kind: counted against the entries at the end. */
export interface RecordCount {
  /** What is counted, as a message names it (`events`, `quarantine rows marked resolved`). */
  readonly name: string;
  count(db: Kysely<Database>): Promise<number>;
}

export interface KindRebuilder {
  rebuild(context: RebuildContext, entries: readonly Pending[]): Promise<void>;
  readonly records?: RecordCount;
  /** A check once every entry was seen (case.status: the last status is the case's). */
  finish?(db: Kysely<Database>): Promise<{ readonly index: number; readonly ref: string; readonly problem: string } | undefined>;
}

/** The `id` part of a `kind:id` ref, or undefined when the ref is not of that kind. */
export function refId(ref: string, prefix: string): string | undefined {
  return ref.startsWith(`${prefix}:`) ? ref.slice(prefix.length + 1) : undefined;
}

/** A field of an entry's stored body, for what no record holds (a commitment without the data key). */
export function storedField(entry: StoredEntry, field: string): string | null {
  const value: unknown = JSON.parse(entry.body);
  const found: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, field) : undefined;
  if (typeof found === 'string' || found === null) return found;
  throw new Error(`its stored body has no "${field}" text`);
}

/** Rows read by the values of one column, in chunks under both engines' parameter limits, then keyed by `keyOf`. */
export async function readByKeys<Q, K, R>(keys: readonly Q[], read: (chunk: Q[]) => Promise<R[]>, keyOf: (row: R) => K): Promise<Map<K, R>> {
  const out = new Map<K, R>();
  for (const row of await readInChunks(keys, read)) out.set(keyOf(row), row);
  return out;
}

/** Rows found by key. */
export interface RowsByKey<K, R> {
  get(key: K): R | undefined;
}

/**
 * Rows whose numeric id is (normally) their ledger index: read as one id range when the ids are
 * dense (and held in an array by offset, not a Map), as key lists otherwise.
 */
export async function readByIds<R extends { id: number }>(
  ids: readonly number[], range: (lo: number, hi: number) => Promise<R[]>, list: (ids: number[]) => Promise<R[]>,
): Promise<RowsByKey<number, R>> {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  if (ids.length === 0) return new Map();
  if (hi - lo + 1 > 4 * ids.length) return readByKeys(ids, list, (row) => row.id);
  const byOffset = new Array<R | undefined>(hi - lo + 1);
  for (const row of await range(lo, hi + 1)) byOffset[Number(row.id) - lo] = row;
  return { get: (id) => (id >= lo && id <= hi ? byOffset[id - lo] : undefined) };
}

/** Puts one rebuilt entry per pending entry whose ref names a record of `rows`; the others keep "no record". */
export function putEach<K, R>(context: RebuildContext, pending: readonly Pending[], keyOf: (entry: StoredEntry) => K | undefined, rows: RowsByKey<K, R>, build: (row: R, entry: StoredEntry) => Entry): void {
  for (const { at, entry } of pending) {
    const key = keyOf(entry);
    const row = key === undefined ? undefined : rows.get(key);
    if (row !== undefined) context.put(at, () => build(row, entry));
  }
}

/** The rows of a table, each logged by one entry. */
export const countOf = (table: keyof Database): RecordCount => ({
  name: table,
  async count(db: Kysely<Database>): Promise<number> {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },
});

