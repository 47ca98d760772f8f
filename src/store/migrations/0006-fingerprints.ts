/** 0006: each product version's fingerprinting code: its slots and its sealed secret biases. */
import type { MigrationStep } from './step.ts';

export const createFingerprints: MigrationStep = async (db) => {
  await db.schema.createTable('fingerprint_codes')
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    /** JSON of the slots: places and alternatives, fixed when the first copy is issued. */
    .addColumn('slots', 'text', (c) => c.notNull())
    /** The code's secret biases, sealed (app/secrets.ts). */
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fingerprint_codes_pk', ['product_id', 'version']).execute();
};
