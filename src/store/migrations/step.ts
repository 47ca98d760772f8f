import type { Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

/** One schema migration; engine differences (byte and 64-bit column types) come from the Engine. */
export type MigrationStep = (db: Kysely<unknown>, engine: Engine) => Promise<void>;
