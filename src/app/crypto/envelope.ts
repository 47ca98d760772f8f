/**
 * Field encryption at rest (DESIGN.md: secrets are encrypted at rest; the key never sits in the
 * database). AES-256-GCM with a fresh 96-bit nonce per field (NIST SP 800-38D §8.2.2) and the
 * field's identity as additional authenticated data, so a sealed value cannot be moved to
 * another row or column. The sealed form names its format version and key id, so keys rotate:
 *
 *   wm1:<keyId>:<nonce, base64url>:<ciphertext || tag, base64url>
 *
 * @example
 * const sealed = encryptField(key, 'JBSWY3DPEHPK3PXP', 'users.totp_secret:u-1');
 * decryptField([key], sealed, 'users.totp_secret:u-1'); // 'JBSWY3DPEHPK3PXP'
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { WaymarkError } from '../../domain/errors.ts';

/** A 256-bit data key and its id (derived from the key, so it cannot be mislabelled). */
export interface DataKey {
  readonly id: string;
  readonly key: Buffer;
}

export class CryptoError extends WaymarkError<'BAD_KEY' | 'BAD_ENVELOPE' | 'UNKNOWN_KEY' | 'DECRYPT_FAILED'> {}

const formatVersion = 'wm1';
const nonceLength = 12;
const tagLength = 16;

/** Wraps raw key bytes with their id: the first 8 bytes of SHA-256("waymark-data-key" || key), hex. */
export function dataKey(key: Buffer): DataKey {
  if (key.length !== 32) throw new CryptoError('BAD_KEY', `a data key must be 32 bytes, got ${key.length}`);
  const id = createHash('sha256').update('waymark-data-key\0').update(key).digest('hex').slice(0, 16);
  return { id, key };
}

export function encryptField(key: DataKey, plaintext: string, aad: string): string {
  const nonce = randomBytes(nonceLength);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce, { authTagLength: tagLength });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [formatVersion, key.id, nonce.toString('base64url'), sealed.toString('base64url')].join(':');
}

/** Opens a sealed field with whichever of `keys` sealed it; throws CryptoError (never the plaintext). */
export function decryptField(keys: DataKey | readonly DataKey[], sealed: string, aad: string): string {
  const { keyId, nonce, body } = parseEnvelope(sealed);
  const candidates: readonly DataKey[] = 'id' in keys ? [keys] : keys;
  const key = candidates.find((k) => k.id === keyId);
  if (!key) throw new CryptoError('UNKNOWN_KEY', `field sealed under key ${keyId}, which is not loaded`);
  const decipher = createDecipheriv('aes-256-gcm', key.key, nonce, { authTagLength: tagLength });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - tagLength));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - tagLength)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new CryptoError('DECRYPT_FAILED', `field sealed under key ${keyId} failed authentication (wrong key, row or tampered value)`, { cause: error });
  }
}

/** The id of the key that sealed a field. */
export function sealedKeyId(sealed: string): string {
  return parseEnvelope(sealed).keyId;
}

function parseEnvelope(sealed: string): { keyId: string; nonce: Buffer; body: Buffer } {
  const parts = sealed.split(':');
  if (parts.length !== 4 || parts[0] !== formatVersion) throw new CryptoError('BAD_ENVELOPE', 'not a wm1 sealed field');
  const [, keyId = '', nonceText = '', bodyText = ''] = parts;
  const nonce = Buffer.from(nonceText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (nonce.length !== nonceLength || body.length < tagLength) throw new CryptoError('BAD_ENVELOPE', `sealed field under key ${keyId} is truncated`);
  return { keyId, nonce, body };
}
