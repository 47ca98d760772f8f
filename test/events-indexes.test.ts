import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../src/store/engine.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';
import type { TestDatabase } from './engines.ts';

/** The indexes on events: each one is a B-tree insert per handling event, so none without a reader. */
async function eventIndexes(engine: Engine): Promise<string[]> {
  const rows = engine.name === 'sqlite'
    ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'events' and sql is not null`.execute(engine.db)
    : await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'events' and indexname not like '%pkey'`.execute(engine.db);
  return rows.rows.map((r) => r.name).sort();
}

describeEachEngine('the indexes on handling events', (engine) => {
  let database: TestDatabase;
  let store: Engine;
  beforeAll(async () => {
    database = await createTestDatabase(engine());
    store = await database.open();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('are the product (pathway) and actor (timing, one agency\'s audit) indexes, not the unread copy index (0011)', async () => {
    const names = await eventIndexes(store);
    expect(names).not.toContain('events_copy_at');
    expect(names).toContain('events_actor_at');
    expect(names).toContain(store.coveringIndexes ? 'events_product_pathway' : 'events_product_at');
  });
});
