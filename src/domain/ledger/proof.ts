/**
 * RFC 9162 proof verification: §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), followed
 * step by step. Every input may come from an attacker, so lengths, sizes and indices are
 * checked before any hashing, and each failure throws a LedgerError naming what was wrong.
 */
import { half, isOdd, isPowerOfTwo } from './bits.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE, digestsEqual, nodeHash } from './hash.ts';
import { assertTreeSize, consistencyPlan, inclusionPlan } from './tree-plan.ts';

/**
 * Verifies that `leafHash` is leaf `index` of the tree of `size` leaves with root `root`.
 * Throws LedgerError (BAD_INDEX, BAD_SIZE, BAD_HASH_LENGTH, BAD_PROOF, PROOF_MISMATCH).
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const expected = inclusionPlan(index, size).length;
  assertHashLength(leafHash, 'leaf hash');
  assertHashLength(root, 'root');
  assertProofShape(proof, expected);
  const computed = rootFromInclusionProof(leafHash, index, size, proof);
  if (!digestsEqual(computed, root)) throw new LedgerError('PROOF_MISMATCH', `inclusion proof of leaf ${index} does not lead to the root of size ${size}`);
}

/** RFC 9162 §2.1.3.2 steps 3–6: the root the proof implies. */
function rootFromInclusionProof(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Uint8Array {
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) throw new LedgerError('BAD_PROOF', 'inclusion proof is longer than the path');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // Step 5.2.1: skip the levels where this node has no right sibling.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new LedgerError('BAD_PROOF', 'inclusion proof is shorter than the path');
  return r;
}

/**
 * Verifies that the tree of size2 with root2 extends the tree of size1 with root1.
 * Equal sizes need an empty proof and equal roots; size1 = 0 is refused, since a proof from
 * the empty tree proves nothing (the transparency-dev vectors treat it as an error).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  assertTreeSize(size1, 'size1');
  assertTreeSize(size2, 'size2');
  if (size1 > size2) throw new LedgerError('BAD_SIZE', `size1 ${size1} is greater than size2 ${size2}`);
  if (size1 === 0) throw new LedgerError('BAD_SIZE', 'a consistency proof from size 0 proves nothing');
  if (size1 === size2) return verifySameSize(proof, root1, root2);
  assertHashLength(root1, 'root1');
  assertHashLength(root2, 'root2');
  assertProofShape(proof, consistencyPlan(size1, size2).length);
  const [fr, sr] = rootsFromConsistencyProof(size1, size2, proof, root1);
  if (!digestsEqual(fr, root1)) throw new LedgerError('PROOF_MISMATCH', `consistency proof does not lead to root1 of size ${size1}`);
  if (!digestsEqual(sr, root2)) throw new LedgerError('PROOF_MISMATCH', `consistency proof does not lead to root2 of size ${size2}`);
}

/** RFC 9162 §2.1.4.2 step 2: same size means same tree, with nothing to prove. */
function verifySameSize(proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): void {
  if (proof.length !== 0) throw new LedgerError('BAD_PROOF', `sizes are equal but the proof has ${proof.length} elements`);
  if (!digestsEqual(root1, root2)) throw new LedgerError('PROOF_MISMATCH', 'sizes are equal but the roots differ');
}

/** RFC 9162 §2.1.4.2 steps 3–10: the two roots the proof implies. */
function rootsFromConsistencyProof(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array): [Uint8Array, Uint8Array] {
  // Step 3: when size1 is a power of two the old root is itself the first path element.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) throw new LedgerError('BAD_PROOF', 'consistency proof is longer than the path');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new LedgerError('BAD_PROOF', 'consistency proof is shorter than the path');
  return [fr, sr];
}

function assertHashLength(hash: Uint8Array, what: string): void {
  if (hash.length !== HASH_SIZE) throw new LedgerError('BAD_HASH_LENGTH', `${what} has ${hash.length} bytes, not ${HASH_SIZE}`);
}

function assertProofShape(proof: readonly Uint8Array[], expected: number): void {
  if (proof.length !== expected) throw new LedgerError('BAD_PROOF', `proof has ${proof.length} elements, the sizes need ${expected}`);
  proof.forEach((element, i) => assertHashLength(element, `proof element ${i}`));
}
