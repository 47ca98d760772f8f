/**
 * Runs once before the suite. Storage tests run on SQLite and on PostgreSQL; this checks that
 * PostgreSQL can be reached. With CI=true an unreachable server fails the run; otherwise the
 * PostgreSQL half is skipped and the reason printed (see test/engines.ts).
 */
import pg from 'pg';

export const postgresAdminUrl = process.env.WAYMARK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export default async function setup(): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.WAYMARK_TEST_PG_OK = '1';
  } catch (error) {
    const reason = `PostgreSQL at ${postgresAdminUrl} cannot be reached: ${(error as Error).message}`;
    if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: the PostgreSQL half of the storage tests must run)`);
    process.env.WAYMARK_TEST_PG_OK = '0';
    process.env.WAYMARK_TEST_PG_REASON = reason;
    process.stderr.write(`\n[waymark tests] ${reason}; PostgreSQL tests are skipped.\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
