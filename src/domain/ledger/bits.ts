/**
 * Integer helpers for tree sizes and indices. JavaScript bit operators work on 32 bits, but a
 * log may outgrow 2^31 entries, so these use arithmetic and are exact up to 2^53 - 1.
 */

/** True for 1, 2, 4, 8, … */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let x = n;
  while (x % 2 === 0) x /= 2;
  return x === 1;
}

/** RFC 9162 §2.1.1: the largest power of two smaller than n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** x >> 1 for non-negative safe integers. */
export function half(x: number): number {
  return Math.floor(x / 2);
}

/** The least significant bit of x, as a boolean. */
export function isOdd(x: number): boolean {
  return x % 2 === 1;
}

/** 2^level, exact for level ≤ 53. */
export function powerOfTwo(level: number): number {
  return 2 ** level;
}

/** The number of bits needed to write n (0 for 0). */
export function bitLength(n: number): number {
  let bits = 0;
  for (let x = n; x > 0; x = half(x)) bits++;
  return bits;
}
