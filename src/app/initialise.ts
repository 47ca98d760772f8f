/**
 * `waymark init`: the schema (migrations run on every open) and the store's identity: a log
 * origin recorded in the database, and keys kept outside it (see keys.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Engine } from '../store/engine.ts';
import { ensureKeys, keyDirectoryFor } from './keys.ts';

export interface InitResult { created: boolean; database: string; origin: string; keyDirectory: string }

export async function initialiseStore(engine: Engine, url: string): Promise<InitResult> {
  const existing = await engine.db.selectFrom('meta').select('value').where('key', '=', 'origin').executeTakeFirst();
  const origin = existing?.value ?? `waymark.local/log/${randomBytes(6).toString('hex')}`;
  if (!existing) await engine.db.insertInto('meta').values({ key: 'origin', value: origin }).execute();
  const keyDirectory = keyDirectoryFor(url);
  const keysCreated = ensureKeys(keyDirectory, origin);
  return { created: !existing || keysCreated, database: redactUrl(url), origin, keyDirectory };
}

/** A database URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
