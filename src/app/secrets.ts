/**
 * Secrets at rest (DESIGN.md: the key never sits in the database): fields such as fingerprint
 * codes and codewords are sealed with AES-256-GCM under the data key of the store's key
 * directory, bound by their associated data to the record they belong to.
 */
import { decryptField, encryptField } from './crypto/envelope.ts';
import { loadKeyring } from './crypto/keyring.ts';
import type { Keyring } from './crypto/keyring.ts';
import { ensureKeys, keyDirectoryFor } from './keys.ts';
import type { Engine } from '../store/engine.ts';

export interface Secrets {
  seal(plaintext: string, aad: string): string;
  open(sealed: string, aad: string): string;
}

const keyrings = new WeakMap<Engine, Keyring>();

/** The engine's data keys, loaded once (and created, as `waymark init` would, when missing). */
export function secretsOf(engine: Engine): Secrets {
  let keyring = keyrings.get(engine);
  if (!keyring) {
    const directory = keyDirectoryFor(engine.url);
    if (!process.env.WAYMARK_DATA_KEY) ensureKeys(directory, '');
    keyring = loadKeyring(directory);
    keyrings.set(engine, keyring);
  }
  const ring = keyring;
  return {
    seal: (plaintext, aad) => encryptField(ring.current, plaintext, aad),
    open: (sealed, aad) => decryptField(ring.all, sealed, aad),
  };
}
