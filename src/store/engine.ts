/**
 * Everything that differs between SQLite and PostgreSQL lives in one small object per engine
 * (STYLE.md §3): never as scattered `if (postgres)`.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

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
   * Inserts many rows into one table inside the current transaction, when the engine has a
   * faster path than a compiled multi-row INSERT (SQLite: one cached prepared statement run
   * per row on the transaction's own connection). Absent: the caller uses Kysely.
   */
  readonly insertRows?: (table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) => void;
  /** Serialises ledger appends: called first inside every writing transaction. */
  lockLedger(trx: Kysely<Database>): Promise<void>;
  close(): Promise<void>;
}

// int8 (bigint) arrives from pg as text; every integer Waymark stores fits in 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export function openSqlite(file: string, url = file): Engine {
  const connection = new BetterSqlite3(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  const statements = new Map<string, BetterSqlite3.Statement>();
  const insertRows = (table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): void => {
    const key = `${table}(${columns.join(',')})`;
    let statement = statements.get(key);
    if (!statement) {
      const quoted = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
      statement = connection.prepare(`insert into "${table.replace(/"/g, '""')}" (${quoted}) values (${columns.map(() => '?').join(', ')})`);
      statements.set(key, statement);
    }
    for (const row of rows) statement.run(row);
  };
  return {
    name: 'sqlite',
    insertRows,
    url,
    db,
    bytesType: 'blob',
    bigintType: 'integer',
    maxParameters: 32_000,
    // One connection per process, and SQLite itself serialises writers.
    lockLedger: () => Promise.resolve(),
    close: () => db.destroy(),
  };
}

export function openPostgres(url: string): Engine {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    name: 'postgres',
    url,
    db,
    bytesType: 'bytea',
    bigintType: 'bigint',
    maxParameters: 65_000,
    lockLedger: async (trx) => {
      await sql`select size from ledger_head where id = 1 for update`.execute(trx);
    },
    close: () => db.destroy(),
  };
}
