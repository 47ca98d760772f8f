/**
 * The reads a writing unit makes for a batch of events (store/registry-queries.ts: products,
 * people and copies by a bound list, rows as arrays through Engine.selectArraysIn), on both
 * engines, in a transaction and outside one: they return the same records as the reads of one
 * record by its id, and inside the unit's transaction they see what it has written and not yet
 * committed.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importBundle, parseBundle } from '../src/app/import-bundle.ts';
import type { Engine } from '../src/store/engine.ts';
import { findCopy, findPerson, findProduct, findProducts, listCopiesHeld, listPeople } from '../src/store/registry-queries.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';
import type { TestDatabase } from './engines.ts';
import { smallBundle } from './fixtures.ts';

describeEachEngine('registry batch reads', (engineName) => {
  let database: TestDatabase;
  let engine: Engine;

  beforeEach(async () => {
    database = await createTestDatabase(engineName());
    engine = await database.open();
    await importBundle(engine, parseBundle(JSON.stringify(smallBundle()), 'small.json'), 'small.json');
  });

  afterEach(async () => {
    await engine.close();
    await database.drop();
  });

  it('reads people, products and copies as the row-object reads do, unknown keys left out', async () => {
    const people = await engine.db.selectFrom('people').select('id').orderBy('id').execute();
    const ids = [...people.map((p) => p.id), 'NO-SUCH-PERSON'];
    const listed = await engine.db.transaction().execute((trx) => listPeople(engine, trx, ids));
    expect(listed).toHaveLength(people.length);
    for (const person of listed) expect(person).toEqual(await findPerson(engine.db, person.id));
    const outside = await listPeople(engine, engine.db, ids);
    expect(outside.sort((a, b) => a.id.localeCompare(b.id))).toEqual(listed.sort((a, b) => a.id.localeCompare(b.id)));

    const productIds = (await engine.db.selectFrom('products').select('id').execute()).map((p) => p.id);
    const products = await engine.db.transaction().execute((trx) => findProducts(engine, trx, [...productIds, 'NO-SUCH-PRODUCT']));
    expect(products).toHaveLength(productIds.length);
    for (const product of products) {
      const stored = await findProduct(engine.db, product.id);
      expect(product).toEqual(stored);
    }

    const copies = await engine.db.selectFrom('copies').select(['id', 'product_id', 'recipient_id']).execute();
    const held = await engine.db.transaction().execute((trx) => listCopiesHeld(engine, trx, copies.map((c) => ({ productId: c.product_id, recipientId: c.recipient_id }))));
    expect(held).toHaveLength(copies.length);
    for (const copy of held) expect(copy).toEqual(await findCopy(engine.db, copy.id));
  });

  it('sees, inside the transaction, a person written in it and not yet committed', async () => {
    const someone = (await engine.db.selectFrom('people').selectAll().limit(1).executeTakeFirstOrThrow());
    const seen = await engine.db.transaction().execute(async (trx) => {
      await sql`insert into people (id, name, agency_id, clearance, compartments, active, active_from, active_to)
        values ('P-NEW', 'New Person', ${someone.agency_id}, ${someone.clearance}, '["X"]', 1, null, null)`.execute(trx);
      return listPeople(engine, trx, ['P-NEW']);
    });
    expect(seen).toEqual([{ id: 'P-NEW', name: 'New Person', agencyId: someone.agency_id, clearance: someone.clearance, compartments: ['X'], active: true, activeFrom: null, activeTo: null }]);
    expect(await findPerson(engine.db, 'P-NEW')).toEqual(seen[0]);
  });
});
