/**
 * The handling events of one batch checked in the database, where the engine can compute a leaf
 * as domain/event-leaf.ts does (Engine.leafSql: PostgreSQL). Each event entry is joined to the
 * event at its index and counted good when the database finds what event-leaves.ts would find:
 * its ref names that event, the event's action is one Waymark knows, its body is the event's
 * canonical JSON (RFC 8785) and its leaf hash is SHA-256(0x00 || body) (RFC 9162 §2.1.1). Only
 * the counts, the entries' indexes and their stored leaf hashes come back, not the rows: on
 * PostgreSQL, parsing some 450 bytes of twelve columns an event cost the client more than the
 * database spends checking it.
 *
 * Anything else (the engine has no leaf SQL, a column is not of the type the SQL was written for,
 * text is not stored as UTF-8) leaves the check to event-leaves.ts, here in JavaScript.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { HASH_SIZE } from '../../domain/ledger/hash.ts';
import { handlingActions } from '../../domain/registry.ts';
import type { Engine, LeafSql } from '../../store/engine.ts';
import { checkEventLeaves, gapsBetween } from './event-leaves.ts';
import type { EventLeaves, EventLeavesCheck } from './event-leaves.ts';

/** The columns the check reads, with the types it was written for. */
const CHECKED_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  events: {
    id: 'bigint', copy_id: 'text', product_id: 'text', actor_id: 'text', action: 'text', at: 'text',
    target_copy_id: 'text', detail: 'text', source: 'text', source_record_id: 'text',
  },
  ledger_entries: { idx: 'bigint', kind: 'text', ref: 'text', body: 'text', leaf_hash: 'bytea' },
};

/** How the events of a batch are checked on an engine's database, and whether that is in the database. */
export interface EventLeavesChecker {
  readonly check: EventLeavesCheck;
  readonly inDatabase: boolean;
}

/**
 * The check for the event entries of `engine`'s database: in the database where its engine has
 * leaf SQL and the columns have the types that SQL was written for (asked now, once per
 * verification: a schema can change between two), else in JavaScript (event-leaves.ts).
 */
export async function eventLeavesChecker(engine: Engine): Promise<EventLeavesChecker> {
  const leafSql = engine.leafSql;
  if (leafSql !== undefined) {
    const fits = await Promise.all(Object.entries(CHECKED_COLUMNS).map(([table, types]) => leafSql.columnsAre(engine.db, table, types)));
    if (fits.every(Boolean)) return { check: (lo, hi) => checkEventLeavesInDatabase(engine, leafSql, lo, hi), inDatabase: true };
  }
  return { check: (lo, hi) => checkEventLeaves(engine, lo, hi), inDatabase: false };
}

/**
 * The members of an event's leaf body in RFC 8785 §3.2.3 order, as domain/event-leaf.ts writes
 * them: an events column (and whether it may be NULL, written `null`), or a constant.
 */
const BODY_MEMBERS: readonly (readonly [name: string, column: string, nullable: boolean] | readonly [name: string, constant: { json: string }])[] = [
  ['action', 'action', false], ['actor', 'actor_id', false], ['at', 'at', false], ['copy', 'copy_id', false],
  ['detail', 'detail', true], ['kind', { json: '"event.recorded"' }], ['product', 'product_id', false], ['source', 'source', false],
  ['sourceRecord', 'source_record_id', true], ['target', 'target_copy_id', true], ['v', { json: '1' }],
];

/**
 * SQL that rebuilds the leaf body of the event `v`: NULL where a column that may not be NULL is
 * (eventFromArray refuses such a row). Most events hold nothing JSON escapes: for them the
 * columns are put between quotes as they are, which costs PostgreSQL a third of nine to_json
 * calls (400,000 events: 0.53 s CPU against 1.05-1.28 s, with the test whether any column needs
 * escaping); any other event is written with jsonString.
 */
function eventBodySql(leafSql: LeafSql): RawBuilder<string> {
  const columns = BODY_MEMBERS.flatMap(([, value, nullable]) => (typeof value !== 'string' ? [] : [nullable === true ? sql`coalesce(${sql.ref(`v.${value}`)}, '')` : sql.ref(`v.${value}`)]));
  const quoted = (value: RawBuilder<string | null>) => sql<string | null>`'"' || ${value} || '"'`;
  return sql<string>`case when ${leafSql.needsNoEscaping(sql`(${sql.join(columns, sql` || `)})`)}
    then ${bodyOfMembers(quoted)} else ${bodyOfMembers((value) => leafSql.jsonString(value))} end`;
}

/** The body's members joined, each column's value written by `string`. */
function bodyOfMembers(string: (value: RawBuilder<string | null>) => RawBuilder<string | null>): RawBuilder<string> {
  const members = BODY_MEMBERS.map(([name, value, nullable], i) => {
    const key = sql.lit(`${i === 0 ? '{' : ','}${JSON.stringify(name)}:`);
    if (typeof value !== 'string') return sql`${key} || ${sql.lit(value.json)}`;
    const json = string(sql.ref(`v.${value}`));
    return nullable === true ? sql`${key} || coalesce(${json}, 'null')` : sql`${key} || ${json}`;
  });
  return sql<string>`${sql.join(members, sql` || `)} || '}'`;
}

/**
 * The event entries of lo … hi-1 and their leaf hashes, checked in the database; undefined
 * unless every event entry of the range is good. A NULL anywhere in the test counts the entry
 * bad. The indexes and the leaf hashes are aggregated over the same rows in one order, and the
 * indexes, which must rise, show which.
 */
async function checkEventLeavesInDatabase(engine: Engine, leafSql: LeafSql, lo: number, hi: number): Promise<EventLeaves | undefined> {
  const inOrder = engine.db.selectFrom('ledger_entries').select(['idx', 'ref', 'body', 'leaf_hash'])
    .where('idx', '>=', lo).where('idx', '<', hi).where('kind', '=', 'event.recorded').orderBy('idx');
  const good = sql`${sql.ref('e.ref')} = 'event:' || ${sql.ref('v.id')}
    and ${sql.ref('v.action')} in (${sql.join(handlingActions.map((action) => sql.lit(action)))})
    and ${sql.ref('e.body')} = ${eventBodySql(leafSql)}
    and ${sql.ref('e.leaf_hash')} = ${leafSql.leafHash(sql.ref('e.body'))}`;
  const row = await engine.db.selectFrom(inOrder.as('e'))
    // The range on both sides lets PostgreSQL merge two index scans.
    .leftJoin('events as v', (join) => join.onRef('v.id', '=', 'e.idx').on('v.id', '>=', lo).on('v.id', '<', hi))
    .select([
      (eb) => eb.fn.countAll<number | string>().as('n'),
      sql<number | string>`count(*) filter (where ${good})`.as('good'),
      sql<string | null>`string_agg(cast(${sql.ref('e.idx')} as text), ',')`.as('indexes'),
      engine.concatenatedHex('e.leaf_hash').as('hex'),
    ])
    .executeTakeFirst();
  if (row === undefined || Number(row.good) !== Number(row.n)) return undefined;
  const ids = risingIndexes(row.indexes ?? '', lo, hi);
  const hex = row.hex ?? '';
  if (ids === undefined || ids.length !== Number(row.n) || hex.length !== ids.length * 2 * HASH_SIZE) return undefined;
  // A copy of its own: the leaves may be transferred to another thread, and a Buffer can share a pool.
  const leaves = new Uint8Array(ids.length * HASH_SIZE);
  leaves.set(Buffer.from(hex, 'hex'));
  return { leaves, gaps: gapsBetween(ids, lo, hi) };
}

/**
 * Indexes joined by commas (decimal digits only), when each is in lo … hi-1 and greater than the
 * one before; else undefined. Read digit by digit: split and Number made a string per index and
 * cost 118 ms of the client's 1.9 s CPU over 1M entries.
 */
function risingIndexes(text: string, lo: number, hi: number): number[] | undefined {
  const ids: number[] = [];
  if (text === '') return ids;
  let last = lo - 1;
  let id = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 44;
    if (code >= 48 && code <= 57 && digits < 15) {
      id = id * 10 + (code - 48);
      digits++;
    } else if (code === 44 && digits > 0 && id > last && id < hi) {
      ids.push(id);
      last = id;
      id = 0;
      digits = 0;
    } else {
      return undefined;
    }
  }
  return ids;
}
