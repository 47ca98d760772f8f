/** 0001: the registry, handling events, refusals and the ledger's entries. */
import { sql } from 'kysely';
import type { MigrationStep } from './step.ts';

export const createRegistry: MigrationStep = async (db, engine) => {
  await db.schema.createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull()).execute();
  await db.schema.createTable('agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull()).execute();
  await db.schema.createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('clearance', 'text', (c) => c.notNull())
    .addColumn('compartments', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('active_from', 'text')
    .addColumn('active_to', 'text').execute();
  await db.schema.createIndex('people_agency').on('people').column('agency_id').execute();
  await db.schema.createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('marking', 'text', (c) => c.notNull())
    .addColumn('originator', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('salt', 'text', (c) => c.notNull()).execute();
  await db.schema.createTable('product_versions')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('marking', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_versions_pk', ['product_id', 'version']).execute();
  await db.schema.createTable('copies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('parent_copy_id', 'text', (c) => c.references('copies.id'))
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('codeword', 'text')
    .addUniqueConstraint('copies_product_serial', ['product_id', 'serial']).execute();
  await db.schema.createIndex('copies_recipient').on('copies').columns(['recipient_id', 'product_id']).execute();
  await db.schema.createTable('events')
    .addColumn('id', engine.bigintType, (c) => c.primaryKey())
    .addColumn('copy_id', 'text', (c) => c.notNull().references('copies.id'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('target_copy_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_record_id', 'text')
    .addUniqueConstraint('events_source_record', ['source', 'source_record_id']).execute();
  // No query a user waits on may scan all events (DESIGN.md: Scale): every read path has an index.
  await db.schema.createIndex('events_product_at').on('events').columns(['product_id', 'at']).execute();
  await db.schema.createIndex('events_copy_at').on('events').columns(['copy_id', 'at']).execute();
  await db.schema.createIndex('events_actor_at').on('events').columns(['actor_id', 'at']).execute();
  await db.schema.createTable('refusals')
    .addColumn('id', engine.bigintType, (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull()).execute();
  await db.schema.createTable('ledger_entries')
    .addColumn('idx', engine.bigintType, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', engine.bytesType, (c) => c.notNull()).execute();
  await db.schema.createIndex('ledger_entries_ref').on('ledger_entries').column('ref').execute();
  await db.schema.createTable('ledger_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', engine.bigintType, (c) => c.notNull()).execute();
  await sql`insert into ledger_head (id, size) values (1, 0)`.execute(db);
};
