/**
 * The data keys in force: the current key (env WAYMARK_DATA_KEY, base64 of 32 bytes, else
 * `data.key` in the key directory, app/keys.ts) and the retired keys kept under
 * `retired-data-keys/` until every field sealed with them has been re-encrypted. Rotation
 * never leaves a moment where a sealed field cannot be opened: the new key is written first,
 * the old one is kept as retired, and fields are re-sealed in batches while the server runs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataKey } from '../keys.ts';
import { CryptoError, dataKey } from './envelope.ts';
import type { DataKey } from './envelope.ts';

export interface Keyring {
  readonly current: DataKey;
  /** Every key that may open a field: the current key first, then the retired ones. */
  readonly all: readonly DataKey[];
}

const retiredFolder = 'retired-data-keys';

export function loadKeyring(keyDirectory: string, env: NodeJS.ProcessEnv = process.env): Keyring {
  const current = dataKey(env.WAYMARK_DATA_KEY ? decodeKey(env.WAYMARK_DATA_KEY, 'WAYMARK_DATA_KEY') : readDataKey(keyDirectory));
  return { current, all: [current, ...readRetiredKeys(keyDirectory).filter((k) => k.id !== current.id)] };
}

function readRetiredKeys(keyDirectory: string): DataKey[] {
  const folder = join(keyDirectory, retiredFolder);
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f.endsWith('.key')).sort()
    .map((f) => dataKey(decodeKey(readFileSync(join(folder, f), 'utf8'), `${retiredFolder}/${f}`)));
}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new CryptoError('BAD_KEY', `${where}: not a base64 32-byte key`);
  return key;
}

/**
 * Makes a new current data key in the key directory and keeps the old one as retired.
 * Not for WAYMARK_DATA_KEY deployments: there the operator sets the new variable and
 * lists the old key file under retired-data-keys/ themselves.
 */
export function rotateDataKeyFile(keyDirectory: string): { retired: DataKey; current: DataKey } {
  const path = join(keyDirectory, 'data.key');
  const retired = dataKey(readDataKey(keyDirectory));
  mkdirSync(join(keyDirectory, retiredFolder), { recursive: true, mode: 0o700 });
  const next = randomBytes(32);
  // Retired copy first: if we stop half way, both keys are still on disk.
  writeFileSync(join(keyDirectory, retiredFolder, `${retired.id}.key`), `${retired.key.toString('base64')}\n`, { mode: 0o600 });
  writeFileSync(`${path}.new`, `${next.toString('base64')}\n`, { mode: 0o600 });
  renameSync(`${path}.new`, path);
  return { retired, current: dataKey(next) };
}
