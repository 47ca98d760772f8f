/**
 * Reads by a list of keys (`where … in (…)`), each key once, in statements of at most
 * `KEYS_PER_STATEMENT` keys: well under both engines' limits on bound parameters; or, for text
 * keys, `KEYS_PER_LIST` keys a statement bound as one list (readInLists).
 */
import type { RawBuilder } from 'kysely';
import type { Engine } from './engine.ts';

export const KEYS_PER_STATEMENT = 1_000;
/** Keys a statement carries as one bound list (Engine.textList): a JSON text or array of a few hundred kB. */
export const KEYS_PER_LIST = 10_000;

/**
 * @example
 * const rows = await readInChunks(ids, (chunk) => db.selectFrom('people').selectAll().where('id', 'in', chunk).execute());
 */
export async function readInChunks<Q, T>(keys: readonly Q[], read: (chunk: Q[]) => Promise<T[]>): Promise<T[]> {
  return readBy(keys, KEYS_PER_STATEMENT, read);
}

/**
 * Reads by a list of text keys bound as one parameter (Engine.textList), `KEYS_PER_LIST` keys a
 * statement: no parameter per key for Kysely to build and the driver to bind. For a batch of
 * events' people, or an import's vendor record ids.
 *
 * @example
 * const rows = await readInLists(engine, ids, (list) => db.selectFrom('people').selectAll().where('id', 'in', list).execute());
 */
export async function readInLists<T>(engine: Pick<Engine, 'textList'>, keys: readonly string[], read: (list: RawBuilder<string>) => Promise<T[]>): Promise<T[]> {
  return readBy(keys, KEYS_PER_LIST, (chunk) => read(engine.textList(chunk)));
}

async function readBy<Q, T>(keys: readonly Q[], perStatement: number, read: (chunk: Q[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(keys)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += perStatement) {
    // Row by row: spreading a large result into push() overflows the stack.
    for (const row of await read(unique.slice(i, i + perStatement))) out.push(row);
  }
  return out;
}
