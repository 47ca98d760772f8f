/**
 * C2SP signed-note keys. A verifier key is `<name>+<hex key ID>+<base64(type || public key)>`;
 * Go's sumdb/note writes private keys as `PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>`.
 * The key ID is the first 4 bytes of SHA-256(name || 0x0A || type || public key) (C2SP
 * signed-note "Signatures"), so it commits to the name and the algorithm as well as the key.
 */
import { decodeBase64, encodeBase64 } from './base64.ts';
import { ed25519FromSeed, ed25519Sign, ed25519Verifier } from './ed25519.ts';
import { LedgerError } from './errors.ts';
import { sha256 } from './hash.ts';

/** C2SP signed-note: 0x01 is an Ed25519 note signature. */
export const KEY_TYPE_ED25519 = 0x01;
/** C2SP tlog-cosignature: 0x04 is a cosignature/v1 (timestamped Ed25519) key. */
export const KEY_TYPE_COSIGNATURE = 0x04;

/** Checks a signature over a note's text (the bytes up to and including its last newline). */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** Signs a note's text; the result goes after the 4-byte key ID in the signature line. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** The matching verifier key text. */
  readonly verifierKey: string;
  sign(text: Uint8Array): Uint8Array;
}

/** The parts of a verifier key. */
export interface VerifierKeyParts {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Uint8Array;
}

const encoder = new TextEncoder();
const PRIVATE_PREFIX = 'PRIVATE+KEY+';

/** C2SP signed-note: key names are non-empty and hold no whitespace and no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\u0085]/u.test(name) && !/[\u0000-\u001f]/.test(name);
}

/** The 32-bit key ID of a public key of the given type. */
export function keyIdFor(name: string, type: number, publicKey: Uint8Array): number {
  const digest = sha256(encoder.encode(name), Uint8Array.of(0x0a, type), publicKey);
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0);
}

/** The 8 hex digits of a key ID. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** `<name>+<hex id>+<base64(type || public key)>`. */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  const keyId = keyIdFor(name, type, publicKey);
  return `${name}+${formatKeyId(keyId)}+${encodeBase64(Uint8Array.of(type, ...publicKey))}`;
}

/** Go's sumdb/note private key text for an Ed25519 seed. */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  const { publicKey } = ed25519FromSeed(seed);
  const keyId = keyIdFor(name, KEY_TYPE_ED25519, publicKey);
  return `${PRIVATE_PREFIX}${name}+${formatKeyId(keyId)}+${encodeBase64(Uint8Array.of(KEY_TYPE_ED25519, ...seed))}`;
}

/**
 * Splits `<name>+<hex id>+<base64>` on its first two '+' (base64 may hold '+') and checks that
 * the ID is the one the name and key imply.
 */
export function parseVerifierKeyParts(vkey: string): VerifierKeyParts {
  const { name, keyId, type, key } = splitKey(vkey.trim(), 'verifier key');
  if (keyIdFor(name, type, key) !== keyId) throw new LedgerError('BAD_KEY', `verifier key ${name}: key ID ${formatKeyId(keyId)} does not match the key`);
  return { name, keyId, type, publicKey: key };
}

/** An Ed25519 (type 0x01) note verifier from its key text. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const parts = parseVerifierKeyParts(vkey);
  if (parts.type !== KEY_TYPE_ED25519) throw new LedgerError('BAD_KEY', `verifier key ${parts.name}: type 0x${parts.type.toString(16)} is not Ed25519 (0x01)`);
  const check = ed25519Verifier(parts.publicKey);
  return { name: parts.name, keyId: parts.keyId, verify: (text, signature) => check(text, signature) };
}

/** A note signer from Go's `PRIVATE+KEY+name+hexid+base64(0x01 || seed)` text. */
export function parseSignerKey(skey: string): NoteSigner {
  const text = skey.trim();
  if (!text.startsWith(PRIVATE_PREFIX)) throw new LedgerError('BAD_KEY', 'a private key starts with PRIVATE+KEY+');
  const { name, keyId, type, key } = splitKey(text.slice(PRIVATE_PREFIX.length), 'private key');
  if (type !== KEY_TYPE_ED25519) throw new LedgerError('BAD_KEY', `private key ${name}: type 0x${type.toString(16)} is not Ed25519 (0x01)`);
  const signer = signerFromSeed(name, key);
  if (signer.keyId !== keyId) throw new LedgerError('BAD_KEY', `private key ${name}: key ID ${formatKeyId(keyId)} does not match the key`);
  return signer;
}

/** An Ed25519 note signer for a name and a 32-byte seed (the seed comes from the shell). */
export function signerFromSeed(name: string, seed: Uint8Array, type: number = KEY_TYPE_ED25519): NoteSigner {
  if (!isValidKeyName(name)) throw new LedgerError('BAD_KEY', `key name ${JSON.stringify(name)} is empty or holds whitespace or '+'`);
  const keyPair = ed25519FromSeed(seed);
  return Object.freeze({
    name,
    keyId: keyIdFor(name, type, keyPair.publicKey),
    verifierKey: formatVerifierKey(name, type, keyPair.publicKey),
    sign: (text: Uint8Array) => ed25519Sign(keyPair, text),
  });
}

function splitKey(text: string, what: string): { name: string; keyId: number; type: number; key: Uint8Array } {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new LedgerError('BAD_KEY', `${what} is not <name>+<hex id>+<base64>`);
  const name = text.slice(0, first);
  const hexId = text.slice(first + 1, second);
  if (!isValidKeyName(name)) throw new LedgerError('BAD_KEY', `${what} name ${JSON.stringify(name)} is not a valid key name`);
  if (!/^[0-9a-fA-F]{8}$/.test(hexId)) throw new LedgerError('BAD_KEY', `${what} ${name}: key ID ${JSON.stringify(hexId)} is not 8 hex digits`);
  const raw = decodeBase64(text.slice(second + 1), `${what} ${name}`);
  if (raw.length !== 33) throw new LedgerError('BAD_KEY', `${what} ${name}: expected a type byte and 32 key bytes, got ${raw.length} bytes`);
  return { name, keyId: Number.parseInt(hexId, 16), type: raw[0]!, key: raw.subarray(1) };
}
