/**
 * 0003: accounts for the HTTP API and web UI: users, sessions, API tokens, and the record of
 * every read of product text, copy text or a pathway (each read is also a ledger entry whose
 * index is the read's id, as for events and refusals).
 */
import type { MigrationStep } from './step.ts';

export const createAccounts: MigrationStep = async (db, engine) => {
  await db.schema.createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('totp_secret', 'text')
    .addColumn('totp_last_step', engine.bigintType)
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_oidc_identity', ['oidc_issuer', 'oidc_subject']).execute();
  await db.schema.createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull()).execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text').execute();
  await db.schema.createTable('reads')
    .addColumn('id', engine.bigintType, (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull()).execute();
  await db.schema.createIndex('reads_user_at').on('reads').columns(['user_id', 'at']).execute();
  await db.schema.createIndex('reads_ref').on('reads').column('ref').execute();
  // The dashboard's newest products and newest disseminations (DESIGN.md: Scale — no scans).
  await db.schema.createIndex('products_created').on('products').column('created_at').execute();
  await db.schema.createIndex('copies_issued').on('copies').column('issued_at').execute();
};
