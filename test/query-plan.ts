/** Query plans, for tests that a query is served by the index meant for it (no vitest import here). */
import { CompiledQuery, sql } from 'kysely';
import type { Engine } from '../src/store/engine.ts';

/**
 * The engine's plan for a query, as one line. PostgreSQL would scan a table this small whatever
 * its indexes, so sequential scans are priced out (a query the index cannot serve still scans).
 */
export async function planOf(engine: Engine, query: CompiledQuery): Promise<string> {
  if (engine.name === 'sqlite') {
    const plan = await engine.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    return plan.rows.map((r) => r.detail).join(' | ');
  }
  return engine.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const plan = await trx.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
    return plan.rows.map((r) => Object.values(r).join('')).join(' | ');
  });
}
