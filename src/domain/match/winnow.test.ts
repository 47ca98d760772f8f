import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kgramHashes, winnow } from './winnow.ts';

describe('winnow', () => {
  it('selects the rightmost minimum of each window, once', () => {
    // The example of Schleimer et al. 2003, Fig. 2 (hashes of 5-grams, window 4).
    const hashes = Uint32Array.from([77, 74, 42, 17, 98, 50, 17, 98, 8, 88, 67, 39, 77, 74, 42, 17, 98]);
    expect(winnow(hashes, 4).map((i) => hashes[i])).toEqual([17, 17, 8, 39, 17]);
  });

  it('finds a shared fingerprint for every shared run of w + k - 1 words (the guarantee)', () => {
    const k = 4;
    const w = 4;
    const word = fc.integer({ min: 0, max: 30 });
    fc.assert(fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { minLength: k + w - 1, maxLength: 20 }), fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 30 }),
      (before, run, after, other) => {
        const a = kgramHashes(Uint32Array.from([...before, ...run, ...after]), k);
        const b = kgramHashes(Uint32Array.from([...other, ...run]), k);
        const fa = new Set(winnow(a, w).map((i) => a[i]));
        expect(winnow(b, w).some((i) => fa.has(b[i]))).toBe(true);
      }));
  });
});
