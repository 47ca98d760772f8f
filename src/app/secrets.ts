/**
 * Secrets at rest (DESIGN.md: the key never sits in the database): fields such as fingerprint
 * codes and codewords, product texts and case notes are sealed with AES-256-GCM under the data
 * key of the store's key directory, bound by their associated data to the record they belong to.
 *
 * A process keeps its keyring loaded, but re-reads the key directory when it meets a field
 * sealed under a key it does not hold, and at least once a minute: while `waymark keys rotate`
 * runs in another process, readers open both old and new fields and writers move to the new key.
 */
import { CryptoError, decryptField, encryptField } from './crypto/envelope.ts';
import { loadKeyring } from './crypto/keyring.ts';
import type { Keyring } from './crypto/keyring.ts';
import { ensureKeys, keyDirectoryFor } from './keys.ts';
import type { Engine } from '../store/engine.ts';

export interface Secrets {
  seal(plaintext: string, aad: string): string;
  open(sealed: string, aad: string): string;
}

interface Loaded { readonly keyring: Keyring; readonly at: number }

const keyrings = new WeakMap<Engine, Loaded>();
const refreshAfterMs = 60_000;

/** The engine's data keys, loaded once (and created, as `waymark init` would, when missing). */
export function keyringOf(engine: Engine): Keyring {
  const loaded = keyrings.get(engine);
  if (loaded && Date.now() - loaded.at < refreshAfterMs) return loaded.keyring;
  return reloadKeyring(engine);
}

/** Re-reads the key directory (after a rotation, or on meeting an unknown key id). */
export function reloadKeyring(engine: Engine): Keyring {
  const directory = keyDirectoryFor(engine.url);
  if (!process.env.WAYMARK_DATA_KEY) ensureKeys(directory, '');
  const keyring = loadKeyring(directory);
  keyrings.set(engine, { keyring, at: Date.now() });
  return keyring;
}

export function secretsOf(engine: Engine): Secrets {
  return {
    seal: (plaintext, aad) => encryptField(keyringOf(engine).current, plaintext, aad),
    open: (sealed, aad) => {
      try {
        return decryptField(keyringOf(engine).all, sealed, aad);
      } catch (error) {
        // Sealed by a key this process has not loaded yet (a rotation elsewhere): look again, once.
        if (!(error instanceof CryptoError) || error.code !== 'UNKNOWN_KEY') throw error;
        return decryptField(reloadKeyring(engine).all, sealed, aad);
      }
    },
  };
}
