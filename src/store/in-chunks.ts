/**
 * Reads by a list of keys (`where … in (…)`), each key once, in statements of at most
 * `KEYS_PER_STATEMENT` keys: well under both engines' limits on bound parameters.
 */
export const KEYS_PER_STATEMENT = 1_000;
/** Keys a statement carries as one bound list (Engine.textList): a JSON text or array of a few hundred kB. */
export const KEYS_PER_LIST = 10_000;

/**
 * @example
 * const rows = await readInChunks(ids, (chunk) => db.selectFrom('people').selectAll().where('id', 'in', chunk).execute());
 */
export async function readInChunks<Q, T>(keys: readonly Q[], read: (chunk: Q[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(keys)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += KEYS_PER_STATEMENT) {
    // Row by row: spreading a large result into push() overflows the stack.
    for (const row of await read(unique.slice(i, i + KEYS_PER_STATEMENT))) out.push(row);
  }
  return out;
}
