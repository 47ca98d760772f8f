/**
 * The RFC 9162 definitions written as the RFC writes them: recursive, over the whole list of
 * leaf hashes. Used as the reference the stored-hash code is tested against, and for small
 * trees held entirely in memory.
 */
import { largestPowerOfTwoBelow } from './bits.ts';
import { LedgerError } from './errors.ts';
import { emptyRoot, nodeHash } from './hash.ts';

type Leaves = readonly Uint8Array[];

/** RFC 9162 §2.1.1 MTH(D[n]) over leaf hashes. */
export function merkleTreeHash(leaves: Leaves): Uint8Array {
  if (leaves.length === 0) return emptyRoot();
  if (leaves.length === 1) return leaves[0]!;
  const k = largestPowerOfTwoBelow(leaves.length);
  return nodeHash(merkleTreeHash(leaves.slice(0, k)), merkleTreeHash(leaves.slice(k)));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]). */
export function merkleInclusionPath(index: number, leaves: Leaves): Uint8Array[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
    throw new LedgerError('BAD_INDEX', `leaf index ${index} is not below tree size ${leaves.length}`);
  }
  if (leaves.length === 1) return [];
  const k = largestPowerOfTwoBelow(leaves.length);
  return index < k
    ? [...merkleInclusionPath(index, leaves.slice(0, k)), merkleTreeHash(leaves.slice(k))]
    : [...merkleInclusionPath(index - k, leaves.slice(k)), merkleTreeHash(leaves.slice(0, k))];
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) for 0 < m ≤ n. */
export function merkleConsistencyProof(size1: number, leaves: Leaves): Uint8Array[] {
  if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > leaves.length) {
    throw new LedgerError('BAD_SIZE', `size1 ${size1} is not in 1..${leaves.length}`);
  }
  return subproof(size1, leaves, true);
}

function subproof(m: number, leaves: Leaves, whole: boolean): Uint8Array[] {
  if (m === leaves.length) return whole ? [] : [merkleTreeHash(leaves)];
  const k = largestPowerOfTwoBelow(leaves.length);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), whole), merkleTreeHash(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), merkleTreeHash(leaves.slice(0, k))];
}
