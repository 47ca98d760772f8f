/**
 * RFC 9162 §2.1.1 Merkle tree hashing with SHA-256. Leaves and interior nodes are
 * domain-separated (0x00 / 0x01 prefixes) so that a leaf can never be passed off as a node
 * (the second-preimage attack RFC 9162 §2.1.1 guards against).
 */
import { createHash, hash, timingSafeEqual } from 'node:crypto';

/** SHA-256 output length; every tree hash in RFC 9162 with SHA-256 is this long. */
export const HASH_SIZE = 32;

const NODE_PREFIX = Uint8Array.of(0x01);

/**
 * Node hashing is the inner loop of every append, proof and verification. Its input is built in
 * one reused buffer and hashed with the one-shot crypto.hash; the digest comes back as a 32-char
 * 'binary' (latin1) string and is copied into a small on-heap array, or straight into a caller's
 * buffer: a Buffer per digest would be an off-heap allocation the collector must track, which
 * costs more than the hashing itself.
 */
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

function copyDigest(digest: string, out: Uint8Array, at: number): void {
  for (let i = 0; i < HASH_SIZE; i++) out[at + i] = digest.charCodeAt(i);
}

/** The digest of data (bytes, or a string as its UTF-8). */
function digestOf(data: Uint8Array | string): Uint8Array {
  const out = new Uint8Array(HASH_SIZE);
  copyDigest(hash('sha256', data, 'binary'), out, 0);
  return out;
}

/** SHA-256 of the concatenation of the parts. */
export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return digestOf(parts[0]!);
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

/** RFC 9162 §2.1.1: MTH({d(0)}) = HASH(0x00 || d(0)). */
export function leafHash(leaf: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + leaf.length);
  input.set(leaf, 1);
  return digestOf(input);
}

/**
 * The leaf hash of a ledger entry held as text: HASH(0x00 || UTF-8(text)). U+0000 encodes as
 * the single byte 0x00, so the prefix can travel in the string.
 */
export function leafHashOfText(text: string): Uint8Array {
  return digestOf(`\u0000${text}`);
}

/** leafHashOfText(text), written into `out` at byte `at`. */
export function leafHashOfTextInto(text: string, out: Uint8Array, at: number): void {
  copyDigest(hash('sha256', `\u0000${text}`, 'binary'), out, at);
}

/** RFC 9162 §2.1.1: MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return sha256(NODE_PREFIX, left, right);
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return digestOf(nodeInput);
}

/** nodeHash of the two 32-byte hashes at `pairs[from … from+64)`, written into `out` at byte `at`. */
export function nodeHashInto(pairs: Uint8Array, from: number, out: Uint8Array, at: number): void {
  nodeInput.set(pairs.subarray(from, from + 2 * HASH_SIZE), 1);
  copyDigest(hash('sha256', nodeInput, 'binary'), out, at);
}

/** RFC 9162 §2.1.1: the hash of an empty list is the hash of the empty string. */
export function emptyRoot(): Uint8Array {
  return sha256();
}

/**
 * Constant-time digest comparison (STYLE.md §6). Different lengths are simply unequal:
 * timingSafeEqual would throw on them, and a length is not a secret.
 */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
