/**
 * Engine.insertRows on both engines: every row lands with its values (absent ones NULL) however
 * the rows are split into statements (on SQLite 100 rows a statement where the table has no
 * unique index or foreign key, else one), and a row that breaks a constraint fails the insert.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from '../src/store/engine.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';
import type { TestDatabase } from './engines.ts';

/** 2 statements of 100 rows and 50 of one on SQLite; rows 7, 14, … name no `note`. */
const rowCount = 250;
const rows = Array.from({ length: rowCount }, (_, i) => (i % 7 === 0 ? { id: i, name: `n${i}` } : { id: i, name: `n${i}`, note: `note ${i}` }));

describeEachEngine('insertRows', (engineName) => {
  let database: TestDatabase;
  let engine: Engine;

  beforeEach(async () => {
    database = await createTestDatabase(engineName());
    engine = await database.open();
    await sql`create table plain_rows (id integer primary key, name text not null, note text)`.execute(engine.db);
    await sql`create table unique_rows (id integer primary key, name text not null unique, note text)`.execute(engine.db);
  });

  afterEach(async () => {
    await engine.close();
    await database.drop();
  });

  const stored = async (table: string): Promise<unknown[]> =>
    (await sql<{ id: number; name: string; note: string | null }>`select id, name, note from ${sql.table(table)} order by id`.execute(engine.db)).rows;

  const expected = rows.map((row) => ({ id: row.id, name: row.name, note: 'note' in row ? row.note : null }));

  it.each(['plain_rows', 'unique_rows'])('writes every row of %s with its values, absent ones NULL', async (table) => {
    await engine.db.transaction().execute((trx) => engine.insertRows(trx, table, rows));
    expect(await stored(table)).toEqual(expected);
  });

  it.each(['plain_rows', 'unique_rows'])('a row of %s that breaks a constraint fails the insert and its transaction leaves nothing', async (table) => {
    const broken = rows.map((row, i) => (i === 150 ? { ...row, name: null } : row));
    await expect(engine.db.transaction().execute((trx) => engine.insertRows(trx, table, broken))).rejects.toThrow(/not.null|NOT NULL/i);
    expect(await stored(table)).toEqual([]);
  });

  it('a repeated unique value fails the insert', async () => {
    const repeated = rows.map((row, i) => (i === 199 ? { ...row, name: 'n3' } : row));
    await expect(engine.db.transaction().execute((trx) => engine.insertRows(trx, 'unique_rows', repeated))).rejects.toThrow(/unique|duplicate/i);
    expect(await stored('unique_rows')).toEqual([]);
  });
});
