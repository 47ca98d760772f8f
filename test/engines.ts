/**
 * `describe` once per engine: storage tests run on a SQLite file and on a fresh PostgreSQL
 * database (STYLE.md §4). Where PostgreSQL cannot be reached the PostgreSQL half is skipped,
 * with the reason in its title; with CI=true the global setup fails the run instead.
 */
import { describe } from 'vitest';

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
