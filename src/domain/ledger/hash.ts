/**
 * RFC 9162 §2.1.1 Merkle tree hashing with SHA-256. Leaves and interior nodes are
 * domain-separated (0x00 / 0x01 prefixes) so that a leaf can never be passed off as a node
 * (the second-preimage attack RFC 9162 §2.1.1 guards against).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 output length; every tree hash in RFC 9162 with SHA-256 is this long. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** SHA-256 of the concatenation of the parts. */
export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

/** RFC 9162 §2.1.1: MTH({d(0)}) = HASH(0x00 || d(0)). */
export function leafHash(leaf: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, leaf);
}

/** RFC 9162 §2.1.1: MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
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
