import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { decodeConvolutional, encodeConvolutional } from './convolutional.ts';
import { codeLength, codewordOf, foldSlots, interleaverOf, messageLength, messageOf, productTag, readMessage, slotBits } from './mark-code.ts';

const distance = (a: readonly boolean[], b: readonly boolean[]): number => a.filter((bit, i) => bit !== b[i]).length;
const soft = (bits: readonly boolean[]): number[] => bits.map((b) => (b ? 1 : -1));

describe('K=7 rate-1/2 convolutional code (171, 133)', () => {
  it('answers an impulse with the generator taps 1111001 and 1011011, interleaved', () => {
    const coded = encodeConvolutional([true]).map(Number).join('');
    expect(coded).toBe('11101111000111');
  });

  it('keeps any two copies of a product at least the free distance (10) apart', () => {
    let least = Infinity;
    for (let a = 1; a <= 64; a++) for (let b = a + 1; b <= 64; b++) least = Math.min(least, distance(codewordOf('P', a), codewordOf('P', b)));
    expect(least).toBeGreaterThanOrEqual(10);
  });

  it('decodes its own codewords, and corrects 4 flipped bits anywhere', () => {
    const random = createRandom('conv');
    for (let trial = 0; trial < 50; trial++) {
      const message = messageOf('IA-2022-031', 1 + random.int(65535));
      const received = soft(encodeConvolutional(message));
      for (let k = 0; k < 4; k++) {
        const i = random.int(received.length);
        received[i] = -(received[i] ?? 0);
      }
      expect(decodeConvolutional(received, messageLength)).toEqual(message);
    }
  });

  it('treats zeros as erasures: a third of the bits missing still decodes', () => {
    const message = messageOf('IA-2022-031', 4242);
    const received = soft(encodeConvolutional(message)).map((v, i) => (i % 3 === 0 ? 0 : v));
    expect(readMessage(decodeConvolutional(received, messageLength))).toEqual({ serial: 4242, tag: productTag('IA-2022-031') });
  });
});

describe('mark code', () => {
  it('is 60 coded bits for a 16-bit serial and an 8-bit product tag', () => {
    expect(codeLength).toBe(60);
    expect(codewordOf('IA-2022-031', 65535)).toHaveLength(60);
    expect(() => codewordOf('IA-2022-031', 65536)).toThrow(/serials run 1\.\.65535/);
    expect(() => codewordOf('IA-2022-031', 0)).toThrow(/SERIAL|serial/);
  });

  it('interleaves with a permutation keyed by the product, and folds repetitions back', () => {
    const order = interleaverOf('IA-2022-031');
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(interleaverOf('IA-2022-032')).not.toEqual(order);
    const codeword = codewordOf('IA-2022-031', 7);
    const slots = soft(slotBits(codeword, order, 150));
    const folded = foldSlots(slots, order);
    expect(folded.map((v) => v > 0)).toEqual(codeword);
    expect(Math.min(...folded.map(Math.abs))).toBeGreaterThanOrEqual(2);
  });
});
