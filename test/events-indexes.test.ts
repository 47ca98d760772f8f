import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadAuditInput, runAudit } from '../src/app/audit.ts';
import { recordEvents } from '../src/app/handling.ts';
import type { Engine } from '../src/store/engine.ts';
import { eventsOfPersonDay, productsActedOnOthersCopies, selectActedOnOthersCopies, selectPersonDay } from '../src/store/event-queries.ts';
import { migrate } from '../src/store/migrations.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';
import type { TestDatabase } from './engines.ts';
import { smallBundle } from './fixtures.ts';
import { load } from './ledger/helpers.ts';
import { planOf } from './query-plan.ts';

/** The indexes on events: each one is a B-tree insert per handling event, so none without a reader. */
async function eventIndexes(engine: Engine): Promise<string[]> {
  const rows = engine.name === 'sqlite'
    ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'events' and sql is not null`.execute(engine.db)
    : await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'events' and indexname not like '%pkey'`.execute(engine.db);
  return rows.rows.map((r) => r.name).sort();
}

const asOf = '2023-01-01T00:00:00.000Z';

/** Which events' actors are not their copy's recipient, by action and actor. */
async function notHolders(engine: Engine): Promise<string[]> {
  const rows = await engine.db.selectFrom('events').select(['actor_id', 'action']).where('actor_is_holder', '=', 0).orderBy('id').execute();
  return rows.map((r) => `${r.actor_id} ${r.action}`);
}

describeEachEngine('the indexes on handling events', (engine) => {
  let database: TestDatabase;
  let store: Engine;
  beforeAll(async () => {
    database = await createTestDatabase(engine());
    store = await database.open();
    const bundle = smallBundle();
    const [product] = bundle.products ?? [];
    if (!product) throw new Error('smallBundle has a product');
    // A second product held in PCO alone, whose copy a GAC officer opens: the only event whose actor is not the copy's recipient.
    await load(store, {
      ...bundle,
      products: [product, { ...product, id: 'IA-2022-032', title: 'Second' }],
      disseminations: [...(bundle.disseminations ?? []), { product: 'IA-2022-032', recipients: ['pco-07'], at: '2022-10-02T09:00:00Z', channel: 'electronic' }],
    });
    await recordEvents(store, [
      { productId: 'IA-2022-032', recipientId: 'pco-07', actorId: 'gac-30', action: 'opened', at: '2022-10-05T08:00:00.000Z', source: 'api:test' },
      { productId: 'IA-2022-032', recipientId: 'pco-07', actorId: 'pco-07', action: 'opened', at: '2022-10-05T09:00:00.000Z', source: 'api:test' },
    ]);
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('are the pathway, time and not-the-holder indexes: not the unread copy index (0011) nor the actor index (0013)', async () => {
    const names = await eventIndexes(store);
    expect(names).not.toContain('events_copy_at');
    expect(names).not.toContain('events_actor_at');
    expect(names).toEqual(expect.arrayContaining(['events_at_actor', 'events_actor_not_holder', store.coveringIndexes ? 'events_product_pathway' : 'events_product_at']));
  });

  it('note the one event whose actor is not the copy\'s recipient; a forward\'s recipient is the holder', async () => {
    expect(await notHolders(store)).toEqual(['gac-30 opened']);
  });

  it('serve a burst day\'s read by the time index and one agency\'s products by the partial index', async () => {
    expect(await planOf(store, selectPersonDay(store.db, 'gac-30', '2022-10-05', asOf).compile())).toMatch(/events_at_actor/);
    expect(await planOf(store, selectActedOnOthersCopies(store.db, ['gac-12', 'gac-30'], asOf).compile())).toMatch(/events_actor_not_holder/);
    expect((await eventsOfPersonDay(store.db, 'pco-07', '2022-10-05', asOf)).map((e) => [e.actorId, e.at])).toEqual([['pco-07', '2022-10-05T09:00:00.000Z']]);
    expect(await eventsOfPersonDay(store.db, 'pco-07', '2022-10-04', asOf)).toEqual([]);
  });

  it('bring a product held by another agency into the audit of the agency whose officer opened it', async () => {
    expect(await productsActedOnOthersCopies(store.db, ['gac-12', 'gac-20', 'gac-30'], asOf)).toEqual(['IA-2022-032']);
    expect(await productsActedOnOthersCopies(store.db, ['gac-30'], '2022-10-05T07:00:00.000Z')).toEqual([]);
    const gac = await loadAuditInput(store, { asOf, agencyId: 'GAC' });
    expect(gac.products.map((p) => p.id).sort()).toEqual(['IA-2022-031', 'IA-2022-032']);
    const whole = await runAudit(store, { asOf });
    expect((await runAudit(store, { asOf, agencyId: 'GAC' })).findings).toEqual(whole.findings.filter((f) => f.agencyId === 'GAC'));
  });

  it('apply to a database with the actor index, filling in the column from the copies', async () => {
    const db = store.db;
    await db.schema.dropIndex('events_at_actor').execute();
    await db.schema.dropIndex('events_actor_not_holder').execute();
    await db.schema.alterTable('events').dropColumn('actor_is_holder').execute();
    await db.schema.createIndex('events_actor_at').on('events').columns(['actor_id', 'at']).execute();
    await sql`delete from kysely_migration where name = '0013-events-actor-indexes'`.execute(db);
    await migrate(store);
    expect(await notHolders(store)).toEqual(['gac-30 opened']);
    expect(await eventIndexes(store)).not.toContain('events_actor_at');
    expect(await eventIndexes(store)).toEqual(expect.arrayContaining(['events_at_actor', 'events_actor_not_holder']));
  });
});
