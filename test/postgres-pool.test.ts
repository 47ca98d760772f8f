import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/store/engine.ts';
import { createTestDatabase, postgresAdminUrl } from './databases.ts';
import type { TestDatabase } from './databases.ts';

const postgresReachable = process.env.WAYMARK_TEST_PG_OK !== '0';

describe.skipIf(!postgresReachable)('the PostgreSQL engine when the server ends its connections', () => {
  let database: TestDatabase;
  let engine: Engine;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    engine = await database.open();
  });
  afterAll(async () => {
    await engine.close();
    await database.drop();
  });

  it('drops the idle connections the server ended and carries on with new ones', async () => {
    // Two idle connections in the pool, then an administrator (or a restart) ends both.
    await Promise.all([sql`select pg_sleep(0.05)`.execute(engine.db), sql`select pg_sleep(0.05)`.execute(engine.db)]);
    const dbName = new URL(database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    try {
      const ended = await admin.query(`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [dbName]);
      expect(ended.rowCount).toBeGreaterThanOrEqual(1);
    } finally {
      await admin.end();
    }
    // The pool reports each ended client as an 'error' event; unhandled, it would end the process.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await sql<{ n: number }>`select 1 as n`.execute(engine.db);
    expect(after.rows[0]?.n).toBe(1);
  });
});
