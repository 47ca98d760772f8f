/**
 * `waymark init`: the schema (migrations run on every open) and the store's identity: a log
 * origin recorded in the database, and keys kept outside it (see keys.ts). On a database that
 * migration 0008 found holding plaintext texts, it also seals them (reseal-fields.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Engine } from '../store/engine.ts';
import { maskDatabaseUrl } from '../store/open-store.ts';
import { ensureKeys, keyDirectoryFor } from './keys.ts';
import { hasUnsealedTexts, resealFields } from './reseal-fields.ts';
import { reloadKeyring } from './secrets.ts';

export interface InitResult {
  created: boolean;
  database: string;
  origin: string;
  keyDirectory: string;
  /** Texts stored as plaintext by an earlier version, sealed now. */
  sealed: number;
}

export async function initialiseStore(engine: Engine, url: string): Promise<InitResult> {
  const existing = await engine.db.selectFrom('meta').select('value').where('key', '=', 'origin').executeTakeFirst();
  const origin = existing?.value ?? `waymark.local/log/${randomBytes(6).toString('hex')}`;
  if (!existing) await engine.db.insertInto('meta').values({ key: 'origin', value: origin }).execute();
  const keyDirectory = keyDirectoryFor(url);
  const keysCreated = ensureKeys(keyDirectory, origin);
  const sealed = (await hasUnsealedTexts(engine)) ? (await resealFields(engine, reloadKeyring(engine), { plaintextOnly: true })).total : 0;
  return { created: !existing || keysCreated, database: maskDatabaseUrl(url), origin, keyDirectory, sealed };
}
