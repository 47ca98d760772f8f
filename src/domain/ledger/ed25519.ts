/**
 * Ed25519 (RFC 8032) through node:crypto, from raw 32-byte seeds and public keys. Node takes
 * keys as DER, so the raw bytes are wrapped in the fixed PKCS#8 / SPKI prefixes of RFC 8410.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { LedgerError } from './errors.ts';

/** RFC 8410 §7: PKCS#8 PrivateKeyInfo for Ed25519, up to the 32-byte seed. */
const PKCS8_PREFIX = Uint8Array.from(Buffer.from('302e020100300506032b657004220420', 'hex'));
/** RFC 8410 §4: SubjectPublicKeyInfo for Ed25519, up to the 32-byte public key. */
const SPKI_PREFIX = Uint8Array.from(Buffer.from('302a300506032b6570032100', 'hex'));

export const ED25519_KEY_SIZE = 32;
export const ED25519_SIGNATURE_SIZE = 64;

/** A private key ready to sign, with its raw public key. */
export interface Ed25519KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: Uint8Array;
}

/** Builds the key pair of a 32-byte seed. */
export function ed25519FromSeed(seed: Uint8Array): Ed25519KeyPair {
  if (seed.length !== ED25519_KEY_SIZE) throw new LedgerError('BAD_KEY', `an Ed25519 seed has 32 bytes, not ${seed.length}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: new Uint8Array(spki.subarray(SPKI_PREFIX.length)) };
}

/** Ed25519 signature of a message (deterministic, RFC 8032 §5.1.6). */
export function ed25519Sign(keyPair: Ed25519KeyPair, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, keyPair.privateKey));
}

/** A verifying function for a raw public key; throws BAD_KEY if the bytes are no key. */
export function ed25519Verifier(publicKey: Uint8Array): (message: Uint8Array, signature: Uint8Array) => boolean {
  if (publicKey.length !== ED25519_KEY_SIZE) throw new LedgerError('BAD_KEY', `an Ed25519 public key has 32 bytes, not ${publicKey.length}`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  } catch (cause) {
    throw new LedgerError('BAD_KEY', 'the Ed25519 public key bytes are not a valid key', { cause });
  }
  return (message, signature) => signature.length === ED25519_SIGNATURE_SIZE && verify(null, message, key, signature);
}
