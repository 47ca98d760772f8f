/**
 * 0005: audit-log import. Accounts (UPN, email, ARN, `DOMAIN\user`) and systems (SharePoint
 * site, Drive customer, S3 bucket, computer) an agency's log names, mapped to Waymark people and
 * agencies; and the quarantine, where every record that could not be mapped is kept with its
 * reason and its raw text, each under its own ledger entry, so none can be removed unseen.
 */
import type { MigrationStep } from './step.ts';

export const createAuditImport: MigrationStep = async (db, engine) => {
  await db.schema.createTable('principals')
    .addColumn('principal', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('ledger_idx', engine.bigintType, (c) => c.notNull()).execute();
  await db.schema.createIndex('principals_person').on('principals').column('person_id').execute();
  await db.schema.createTable('sites')
    .addColumn('site', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('ledger_idx', engine.bigintType, (c) => c.notNull()).execute();
  await db.schema.createTable('quarantine')
    .addColumn('id', engine.bigintType, (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_record_id', 'text', (c) => c.notNull())
    .addColumn('raw_sha256', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('quarantined_at', 'text', (c) => c.notNull())
    .addColumn('resolved_event_id', engine.bigintType)
    // The same record imported twice is one record (idempotent re-import); two different
    // records under one vendor id are both kept.
    .addUniqueConstraint('quarantine_source_record', ['source', 'source_record_id', 'raw_sha256']).execute();
  await db.schema.createIndex('quarantine_open').on('quarantine').columns(['resolved_event_id', 'id']).execute();
};
