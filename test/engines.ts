/**
 * `describe` once per engine: storage tests run on a SQLite file and on a fresh PostgreSQL
 * database (STYLE.md §4). Where PostgreSQL cannot be reached the PostgreSQL half is skipped,
 * with the reason in its title; with CI=true the global setup fails the run instead.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Engine } from '../src/store/engine.ts';
import { createTestDatabase } from './databases.ts';
import type { TestDatabase } from './databases.ts';

export { createTestDatabase } from './databases.ts';
export type { TestDatabase } from './databases.ts';

const postgresReachable = process.env.WAYMARK_TEST_PG_OK !== '0';
const skipReason = process.env.WAYMARK_TEST_PG_REASON ?? 'PostgreSQL unreachable';

/**
 * `describe` once per engine. The body gets a function returning this engine's name; use
 * createTestDatabase(engine()) in hooks or tests.
 */
export function describeEachEngine(title: string, body: (engine: () => 'sqlite' | 'postgres') => void): void {
  describe(`${title} [sqlite]`, () => body(() => 'sqlite'));
  if (postgresReachable) describe(`${title} [postgres]`, () => body(() => 'postgres'));
  else describe.skip(`${title} [postgres] — skipped: ${skipReason}`, () => body(() => 'postgres'));
}

/**
 * A new, empty database of this engine for every test of the enclosing describe, opened before
 * it and dropped after it. Call in describeEachEngine's body; the returned function gives the
 * current test's engine.
 */
export function freshEngineEachTest(engineName: () => 'sqlite' | 'postgres'): () => Engine {
  let database: TestDatabase | undefined;
  let engine: Engine | undefined;
  beforeEach(async () => {
    database = await createTestDatabase(engineName());
    engine = await database.open();
  });
  afterEach(async () => {
    await engine?.close();
    await database?.drop();
    engine = undefined;
  });
  return () => {
    if (engine === undefined) throw new Error('the test database is open only while a test runs');
    return engine;
  };
}
