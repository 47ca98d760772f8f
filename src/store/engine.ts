/**
 * Everything that differs between SQLite and PostgreSQL lives in one small object per engine
 * (STYLE.md §3): never as scattered `if (postgres)`.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { CompiledQuery, QueryResult, RawBuilder, SqliteDatabase, SqliteStatement } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';

export type EngineName = 'sqlite' | 'postgres';

export interface Engine {
  readonly name: EngineName;
  /** The URL it was opened from: the key directory is found from it (app/keys.ts). */
  readonly url: string;
  readonly db: Kysely<Database>;
  /** Column type for raw bytes. */
  readonly bytesType: 'blob' | 'bytea';
  /** Column type for 64-bit integers. */
  readonly bigintType: 'integer' | 'bigint';
  /** Largest number of bound parameters one statement may carry. */
  readonly maxParameters: number;
  /**
   * Whether an index may carry every column of a row, free text included: SQLite's may (a long
   * entry spills to overflow pages); PostgreSQL refuses a btree entry over about 2.7 kB.
   */
  readonly coveringIndexes: boolean;
  /**
   * Inserts many rows into one table inside the transaction `trx`, by the engine's fastest path:
   * SQLite runs cached prepared statements on the transaction's own connection, of 100 rows where
   * the table allows it at no extra cost (insertsManyAtOnce), else of one row;
   * PostgreSQL sends the rows as one JSON document expanded by json_populate_recordset (one
   * statement with one parameter however many rows: no 65,535-parameter limit, no large SQL
   * text to build). Every column any row names is written; absent values are NULL.
   */
  insertRows(trx: Kysely<Database>, table: string, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void>;
  /**
   * The hex text of a bytes column's values concatenated in `orderBy` order over the rows a query
   * selects (NULL for none): `ledger verify` reads a batch's leaf hashes as one value, not one
   * Buffer per row. SQLite: group_concat(hex(…)); PostgreSQL: encode(string_agg(…), 'hex').
   * Without `orderBy`, in the order the rows come (an ordered subquery's: no sort).
   */
  concatenatedHex(column: string, orderBy?: string): RawBuilder<string | null>;
  /**
   * A list of texts bound as one parameter, as the right side of `column in …`: SQLite
   * `(select value from json_each(?))`, PostgreSQL `(select unnest(?::text[]))`. For lists of
   * thousands of keys (an import's vendor record ids): no parameter per key for Kysely to build
   * and the driver to bind, no parameter limit.
   */
  textList(values: readonly string[]): RawBuilder<string>;
  /**
   * Runs a compiled select on the database (not inside a transaction) and returns its rows as
   * arrays of values in select order, with no object per row: SQLite through better-sqlite3's
   * raw mode, PostgreSQL through pg's array row mode. For scans of millions of rows (the audit);
   * everything else reads Kysely's row objects. A `name` keeps the statement prepared on each
   * PostgreSQL connection, planned once (for a fixed text run often, such as a proof's read);
   * SQLite keeps every text prepared anyway.
   */
  selectArrays(query: CompiledQuery, name?: string): Promise<unknown[][]>;
  /**
   * selectArrays through `db`, a transaction or the engine's own (a writing unit's reads of the
   * rows it is about to refer to, and the few hundred rows a page names). Inside a transaction
   * SQLite reads on its one connection, which the transaction holds, as selectArrays does; else,
   * and on PostgreSQL, the query goes through `db` (so it waits for, or sees, what a transaction
   * would) and each row's values are taken in select order.
   */
  selectArraysIn(db: Kysely<Database>, query: CompiledQuery): Promise<unknown[][]>;
  /**
   * SQL that computes a ledger leaf exactly as the domain code does, where the engine can:
   * `ledger verify` then checks handling events in the database and reads a verdict, not the
   * rows. Undefined on SQLite, which has no SHA-256; there the leaves are checked in JavaScript.
   */
  readonly leafSql?: LeafSql;
  /** Serialises ledger appends: called first inside every writing transaction. */
  lockLedger(trx: Kysely<Database>): Promise<void>;
  close(): Promise<void>;
}

export interface LeafSql {
  /** A text value as an RFC 8785 JSON string (§3.2.2.2), NULL for NULL. */
  jsonString(value: RawBuilder<string | null>): RawBuilder<string | null>;
  /**
   * Whether a text holds none of the characters a JSON string escapes (quotation mark, reverse
   * solidus, controls), so that jsonString would only put quotes around it; NULL for NULL.
   */
  needsNoEscaping(text: RawBuilder<string | null>): RawBuilder<boolean | null>;
  /** SHA-256(0x00 || UTF-8 of a text): its leaf hash (RFC 9162 §2.1.1). */
  leafHash(text: RawBuilder<string>): RawBuilder<Uint8Array>;
  /**
   * Whether the SQL above means here what it means in JavaScript: text is stored as UTF-8, and
   * each column named has the type given (`text`, `bigint`, `bytea`) and compares byte for byte
   * (a deterministic collation): a check written for a text column would read a number as its
   * digits, where the JavaScript check refuses it.
   */
  columnsAre(db: Kysely<Database>, table: string, types: Readonly<Record<string, string>>): Promise<boolean>;
}

/**
 * PostgreSQL's to_json escapes a string as RFC 8785 §3.2.2.2 does (\b \t \n \f \r \" \\, other
 * controls as lowercase \u00xx, everything else as itself): checked against JSON.stringify for
 * every code point but the surrogates (test/ledger/event-leaves-in-database.test.ts). sha256() is built in from
 * PostgreSQL 11.
 */
const postgresLeafSql: LeafSql = {
  jsonString: (value) => sql<string | null>`to_json(${value})::text`,
  // A bound pattern, so its backslashes mean the same whatever standard_conforming_strings says.
  needsNoEscaping: (text) => sql<boolean | null>`${text} !~ ${'["\\\\\u0001-\u001f]'}`,
  leafHash: (text) => sql<Uint8Array>`sha256('\\x00'::bytea || convert_to(${text}, 'UTF8'))`,
  columnsAre: async (db, table, types) => {
    const { rows } = await sql<{ utf8: boolean; matching: number | string }>`
      select current_setting('server_encoding') = 'UTF8' as utf8,
        (select count(*) from pg_attribute a cross join jsonb_each_text(${JSON.stringify(types)}::jsonb) t
          where a.attrelid = to_regclass(${table}) and a.attnum > 0 and not a.attisdropped
            and a.attname = t.key and format_type(a.atttypid, null) = t.value
            and coalesce((select c.collisdeterministic from pg_collation c where c.oid = a.attcollation), true)) as matching`.execute(db);
    return rows[0]?.utf8 === true && Number(rows[0].matching) === Object.keys(types).length;
  },
};

/** Engine.maxParameters on SQLite: under its limit (SQLITE_MAX_VARIABLE_NUMBER, 32,766 since 3.32). */
const SQLITE_MAX_PARAMETERS = 32_000;

// int8 (bigint) arrives from pg as text; every integer Waymark stores fits in 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export function openSqlite(file: string, url = file): Engine {
  const connection = new BetterSqlite3(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 10000');
  // 128 MiB of page cache (the default is 2 MiB): a large import touches pages of six indexes at once.
  connection.pragma('cache_size = -131072');
  const checkpointer = file === ':memory:' ? undefined : new WalCheckpointer(connection, file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(connection, () => checkpointer?.committed()) }) });
  const rawStatements = new Map<string, BetterSqlite3.Statement>();
  const selectArrays = (query: CompiledQuery): Promise<unknown[][]> => {
    let statement = rawStatements.get(query.sql);
    if (statement === undefined) rawStatements.set(query.sql, (statement = connection.prepare(query.sql).raw(true)));
    return Promise.resolve(statement.all(...query.parameters) as unknown[][]);
  };
  const insertRows = sqliteRowInserter(connection);
  return {
    name: 'sqlite',
    insertRows,
    url,
    db,
    bytesType: 'blob',
    bigintType: 'integer',
    maxParameters: SQLITE_MAX_PARAMETERS,
    coveringIndexes: true,
    textList: (values) => sql<string>`(select value from json_each(${JSON.stringify(values)}))`,
    concatenatedHex: (column, orderBy) => (orderBy === undefined ? sql<string | null>`group_concat(hex(${sql.ref(column)}), '')`
      : sql<string | null>`group_concat(hex(${sql.ref(column)}), '' order by ${sql.ref(orderBy)})`),
    selectArrays,
    selectArraysIn: async (through, query) => (through.isTransaction ? selectArrays(query) : valuesOf(await through.executeQuery(query))),
    // One connection per process, and SQLite itself serialises writers.
    lockLedger: () => Promise.resolve(),
    close: async () => {
      await checkpointer?.close();
      await db.destroy();
    },
  };
}

export function openPostgres(url: string): Engine {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle client whose connection the server ended (a restart, an administrator, a dropped
  // database) is reported here and discarded by the pool, which connects again when next asked.
  // Unhandled, that 'error' event would end the process: a PostgreSQL restart would stop `serve`.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    name: 'postgres',
    url,
    db,
    bytesType: 'bytea',
    bigintType: 'bigint',
    maxParameters: 65_000,
    coveringIndexes: false,
    insertRows: async (trx, table, rows) => {
      if (rows.length === 0) return;
      const columns = sql.join(columnsOf(rows).map((c) => sql.ref(c)));
      await sql`insert into ${sql.table(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${jsonRows(rows)}::json)`.execute(trx);
    },
    textList: (values) => sql<string>`(select unnest(${[...values]}::text[]))`,
    concatenatedHex: (column, orderBy) => (orderBy === undefined ? sql<string | null>`encode(string_agg(${sql.ref(column)}, ''::bytea), 'hex')`
      : sql<string | null>`encode(string_agg(${sql.ref(column)}, ''::bytea order by ${sql.ref(orderBy)}), 'hex')`),
    leafSql: postgresLeafSql,
    selectArrays: async (query, name) => (await pool.query<unknown[]>({ name, text: query.sql, values: [...query.parameters], rowMode: 'array' })).rows,
    selectArraysIn: async (through, query) => valuesOf(await through.executeQuery(query)),
    lockLedger: async (trx) => {
      await sql`select size from ledger_head where id = 1 for update`.execute(trx);
    },
    close: () => db.destroy(),
  };
}

/** Prepared statements kept per SQL text (better-sqlite3 would prepare each query again). */
const STATEMENT_CACHE = 500;

/**
 * The connection as Kysely's SQLite dialect sees it, preparing each distinct SQL text once: a
 * proof's one query costs less than preparing it. Kysely runs one query at a time on the one
 * connection (a stream holds it until done), so a cached statement is never busy when reused.
 * A transaction's commit (Kysely's `commit`) is reported to `committed` once it has run.
 */
function cachingStatements(connection: BetterSqlite3.Database, committed: () => void): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const commit = connection.prepare('commit');
  const reportingCommit: SqliteStatement = {
    reader: false,
    all: () => [],
    iterate: () => [][Symbol.iterator](),
    run: () => {
      const result = commit.run();
      committed();
      return result;
    },
  };
  return {
    close: () => connection.close(),
    prepare: (text) => {
      if (text === 'commit') return reportingCommit;
      let statement = cache.get(text);
      if (statement === undefined) {
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value ?? '');
        statement = connection.prepare(text);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Each row's values in select order. */
const valuesOf = (result: QueryResult<unknown>): unknown[][] => result.rows.map((row) => Object.values(row as Record<string, unknown>));

/**
 * Rows one INSERT carries on SQLite where a table takes many at once (insertsManyAtOnce): each
 * statement run costs a call into the driver and a reset, about 0.6 µs a row of ledger_entries
 * (1.9 µs a row one at a time, 1.3 µs 100 at a time, on the rows of a 300,000-record M365 import).
 */
const ROWS_PER_INSERT = 100;

/**
 * Engine.insertRows on SQLite: cached prepared statements on the one connection, run for
 * ROWS_PER_INSERT rows at a time where the table allows it, else one row at a time.
 */
function sqliteRowInserter(connection: BetterSqlite3.Database): Engine['insertRows'] {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const manyAtOnce = new Map<string, boolean>();
  const prepare = (table: string, columns: readonly string[], rowCount: number): BetterSqlite3.Statement => {
    const key = `${table}(${columns.join(',')})x${rowCount}`;
    let statement = statements.get(key);
    if (statement === undefined) {
      const row = `(${columns.map(() => '?').join(', ')})`;
      statement = connection.prepare(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${new Array<string>(rowCount).fill(row).join(', ')}`);
      statements.set(key, statement);
    }
    return statement;
  };
  /** Runs `statement` on as many rows from `from` as `values` has room for, laying their values out in it. */
  const run = (statement: BetterSqlite3.Statement, values: unknown[], columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[], from: number): void => {
    let k = 0;
    for (let r = from; k < values.length; r++) {
      const row = rows[r] ?? {};
      for (const column of columns) values[k++] = row[column] ?? null;
    }
    statement.run(values);
  };
  return (_trx, table, rows) => {
    const columns = columnsOf(rows);
    let many = manyAtOnce.get(table);
    if (many === undefined) manyAtOnce.set(table, (many = insertsManyAtOnce(connection, table)));
    const perStatement = many ? Math.min(ROWS_PER_INSERT, Math.floor(SQLITE_MAX_PARAMETERS / Math.max(1, columns.length))) : 1;
    let r = 0;
    if (perStatement > 1 && rows.length >= perStatement) {
      const statement = prepare(table, columns, perStatement);
      const values = new Array<unknown>(columns.length * perStatement);
      for (; r + perStatement <= rows.length; r += perStatement) run(statement, values, columns, rows, r);
    }
    const single = prepare(table, columns, 1);
    const values = new Array<unknown>(columns.length);
    for (; r < rows.length; r++) run(single, values, columns, rows, r);
    return Promise.resolve();
  };
}

/**
 * Whether SQLite inserts many rows of `table` with one statement at no extra cost: only where no
 * row can fail on a unique index or a foreign key. Where one can, a statement of many rows keeps a
 * statement journal (a copy of each existing page it changes, so that a later row's failure can
 * undo the earlier rows), and an event's index entries land on existing pages all over the file:
 * 100 events a statement cost 22-29 µs an event, one at a time 10-15 µs (300,000-record M365
 * import replayed, load 3-6). The answer only chooses the path; SQLite checks the constraints on both.
 */
function insertsManyAtOnce(connection: BetterSqlite3.Database, table: string): boolean {
  const constraints = connection.prepare(`select (select count(*) from pragma_index_list(?) where "unique")
    + (select count(*) from pragma_foreign_key_list(?))`).pluck().get(table, table);
  return constraints === 0;
}

/** Every column any row names, in first-seen order (rows built by one function share their keys). */
function columnsOf(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  let shape = '';
  for (const row of rows) {
    const keys = Object.keys(row);
    const signature = keys.join(',');
    if (signature === shape) continue;
    shape = signature;
    for (const key of keys) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return columns;
}

/** Rows as json_populate_recordset reads them: bytes in bytea's hex input form (`\\x…`), undefined as absent. */
function jsonRows(rows: readonly Readonly<Record<string, unknown>>[]): string {
  return JSON.stringify(rows.map((row) => {
    let out: Record<string, unknown> | null = null;
    for (const [key, value] of Object.entries(row)) {
      if (!(value instanceof Uint8Array)) continue;
      out ??= { ...row };
      out[key] = `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
    }
    return out ?? row;
  }));
}
