/** 0004: investigation cases, their notes, and bulletins with acknowledgements. */
import type { MigrationStep } from './step.ts';

export const createCases: MigrationStep = async (db, engine) => {
  await db.schema.createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('published', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('leak_sha256', 'text', (c) => c.notNull())
    .addColumn('leak_text', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull()).execute();
  await db.schema.createTable('case_notes')
    .addColumn('id', engine.bigintType, (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull()).execute();
  await db.schema.createIndex('case_notes_case').on('case_notes').columns(['case_id', 'id']).execute();
  await db.schema.createTable('bulletins')
    .addColumn('id', engine.bigintType, (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('marking', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull()).execute();
  await db.schema.createTable('bulletin_acks')
    .addColumn('bulletin_id', engine.bigintType, (c) => c.notNull().references('bulletins.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ledger_idx', engine.bigintType, (c) => c.notNull())
    .addPrimaryKeyConstraint('bulletin_acks_pk', ['bulletin_id', 'person_id']).execute();
};
